// Reads a JSON array of strings on stdin and prints, as a JSON array, the message JSON.parse throws for
// each (null when it parses): the reference for Cairn's V8JsonErrors (dwn-server passes these messages on).
let input = ''
for await (const chunk of process.stdin) input += chunk
const messages = JSON.parse(input).map(text => {
  try {
    JSON.parse(text)
    return null
  } catch (e) {
    return e.message
  }
})
process.stdout.write(JSON.stringify(messages))
