/** A link to another page of results that htmx swaps into `target`, keeping the URL in sync. */
function PageLink(props: { href: string | null; target: string; rel: 'prev' | 'next'; children: string }) {
  if (props.href === null) return <span class="muted">{props.children}</span>
  return (
    <a href={props.href} hx-get={props.href} hx-target={props.target} hx-swap="outerHTML" hx-push-url="true" rel={props.rel}>
      {props.children}
    </a>
  )
}

/** "← Newer · Page 2 of 7 · Older →" for lists newest first; nothing when one page holds all. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string; target: string }) {
  const { page, pages } = props
  if (pages <= 1) return null
  return (
    <nav aria-label="Pages" class="pager">
      <ul>
        <li>
          <PageLink href={page > 1 ? props.href(Math.min(page, pages + 1) - 1) : null} target={props.target} rel="prev">
            ← Newer
          </PageLink>
        </li>
        <li>
          Page {page} of {pages}
        </li>
        <li>
          <PageLink href={page < pages ? props.href(page + 1) : null} target={props.target} rel="next">
            Older →
          </PageLink>
        </li>
      </ul>
    </nav>
  )
}

/** A filter's select with "Any" first; `options` are [value, text] pairs. */
export function FilterSelect(props: { name: string; label: string; value: string | undefined; options: readonly (readonly [string, string])[] }) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">Any</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.value === value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )
}
