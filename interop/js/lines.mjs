// The line protocol the Java tests speak to these scripts (io.cairn.interop.NodePeer): one JSON
// request per line on stdin, one JSON reply per line on stdout; a failure is {"error": "..."}.
import readline from 'node:readline'

export async function serveLines (handle) {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
  for await (const line of rl) {
    if (line.trim() === '') continue
    let reply
    try {
      reply = await handle(JSON.parse(line))
    } catch (e) {
      reply = { error: String(e?.stack ?? e) }
    }
    process.stdout.write(JSON.stringify(reply) + '\n')
  }
}
