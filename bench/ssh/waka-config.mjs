// waka.yml for the benchmark: environments `one` (peer1) and `four` (peer1..peer4) on the peers' hosts.
//   node waka-config.mjs <PEERBENCH_ROOT> <deploy path> [<warm deploy path>]
// With a warm path, `one-warm` and `four-warm` deploy there and keep their connections for 10 minutes.
const [root, path, warmPath] = process.argv.slice(2)
if (!root || !path) throw new Error('usage: waka-config.mjs <PEERBENCH_ROOT> <deploy path> [<warm deploy path>]')

const hosts = (count) => `[${Array.from({ length: count }, (_, i) => `{ address: 127.0.0.1, port: ${2201 + i}, name: peer${i + 1} }`).join(', ')}]`
const environment = (name, count, deployPath, keep) => `  ${name}:
    driver:
      type: ssh
      hosts: ${hosts(count)}
      user: root
      path: ${deployPath}
      identityFile: ${root}/ssh/id_ed25519
      knownHosts: ${root}/ssh/known_hosts
      keepConnections: ${keep}
`

const environments = [environment('one', 1, path, '2s'), environment('four', 4, path, '2s')]
if (warmPath) environments.push(environment('one-warm', 1, warmPath, '10m'), environment('four-warm', 4, warmPath, '10m'))

process.stdout.write(`version: 1
services:
  app: {}
environments:
${environments.join('')}access:
  roles:
    "*": { deployer: [user:bench], admin: [user:admin] }
`)
