// The SDK's own protocol-definition and $tags checks, called directly (they are static methods of
// ProtocolsConfigure and ProtocolAuthorization), so Cairn's rules are compared with them case by case.
// Line protocol (../js/lines.mjs):
//   {"op":"definition","definition":{...}}                        -> {"detail": null | "<DwnError message>"}
//   {"op":"permissionsDefinition"}                                -> {"definition": PermissionsProtocol.definition}
//   {"op":"normalize","definition":{...}}                         -> {"definition": <normalized as ProtocolsConfigure.create does>}
//   {"op":"tags","rule":{$tags},"tags":{...},"protocol":"..","protocolPath":".."} -> {"detail": null | "<message>"}
import { serveLines } from '../js/lines.mjs'
import { PermissionsProtocol, ProtocolsConfigure } from '@tbd54566975/dwn-sdk-js'

const { ProtocolAuthorization } = await import(new URL('./node_modules/@tbd54566975/dwn-sdk-js/dist/esm/src/core/protocol-authorization.js', import.meta.url))

function detailOf (run) {
  try {
    run()
    return { detail: null }
  } catch (e) {
    return { detail: e instanceof Error ? e.message : 'Error' }
  }
}

await serveLines(async (request) => {
  switch (request.op) {
    case 'definition':
      return detailOf(() => ProtocolsConfigure.validateProtocolDefinition(request.definition))
    case 'permissionsDefinition':
      return { definition: PermissionsProtocol.definition }
    case 'normalize':
      return { definition: ProtocolsConfigure.normalizeDefinition(request.definition) }
    case 'tags': {
      const descriptor = { protocol: request.protocol, protocolPath: request.protocolPath }
      if (request.tags !== undefined) descriptor.tags = request.tags
      return detailOf(() => ProtocolAuthorization.verifyTagsIfNeeded({ message: { descriptor } }, { $tags: request.rule }))
    }
    default:
      throw new Error(`unknown op ${request.op}`)
  }
})
