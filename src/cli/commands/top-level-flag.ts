import type { Command } from 'commander'

type Handler = () => Promise<void>
const flagsOf = new WeakMap<Command, Map<string, Handler>>()

/**
 * Adds a top-level flag that acts like a command (`replexon --broadcast`) beside the
 * subcommands. The first flag installs one root action that runs the flag given; with no
 * flag and no command it shows the help as before, and an unknown word is still an
 * unknown command.
 */
export function addTopLevelFlag(program: Command, flag: `--${string}`, description: string, handler: Handler): void {
  let flags = flagsOf.get(program)
  if (!flags) {
    const registered = new Map<string, Handler>()
    flags = registered
    flagsOf.set(program, registered)
    program.allowExcessArguments(true).action(async () => {
      const [word] = program.args
      if (word !== undefined) program.error(`error: unknown command '${word}'`, { code: 'commander.unknownCommand' })
      const options = program.opts<Record<string, unknown>>()
      const chosen = [...registered].filter(([attribute]) => options[attribute] === true)
      if (chosen.length === 0) program.help({ error: true })
      if (chosen.length > 1) {
        program.error(`error: use one of ${[...registered.keys()].map((a) => `--${a}`).join(', ')} at a time`, { code: 'commander.conflictingOption' })
      }
      await chosen[0]![1]()
    })
  }
  program.option(flag, description)
  flags.set(flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), handler)
}
