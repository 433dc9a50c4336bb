export type SettingsSection = 'account' | 'notifications' | 'alerts'

const LINKS: { section: SettingsSection; href: string; label: string }[] = [
  { section: 'account', href: '/settings', label: 'Account & users' },
  { section: 'notifications', href: '/settings/notifications', label: 'Notifications' },
  { section: 'alerts', href: '/settings/alerts', label: 'Alert history' },
]

/** The links between the settings pages; `active` is the page being shown. */
export function SettingsNav(props: { active: SettingsSection }) {
  return (
    <nav class="settings-nav" aria-label="Settings pages">
      <ul>
        {LINKS.map((link) => (
          <li>
            <a href={link.href} aria-current={props.active === link.section ? 'page' : undefined}>
              {props.active === link.section ? <strong>{link.label}</strong> : link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
