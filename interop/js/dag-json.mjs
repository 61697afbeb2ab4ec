// Reference DAG-JSON (@ipld/dag-json) for Cairn's interop tests. One JSON request per line:
//   {"text": "<DAG-JSON>"} -> {"canonical": "<the reference's encoding of the decoded value>"} or {"rejected": "<reason>"}
import * as dagJson from '@ipld/dag-json'
import { serveLines } from './lines.mjs'

await serveLines(async (req) => {
  try {
    const value = dagJson.decode(new TextEncoder().encode(req.text))
    return { canonical: new TextDecoder().decode(dagJson.encode(value)) }
  } catch (e) {
    return { rejected: String(e.message ?? e) }
  }
})
