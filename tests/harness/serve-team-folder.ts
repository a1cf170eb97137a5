/**
 * `npm run team-server -- <folder> [port]`: serves a folder of pack files on 127.0.0.1 the way a
 * team's static host would (ETag, Last-Modified, 304, CORS), and prints what reaches /webhook. To try
 * team sync by hand: put a pack file in the folder, subscribe to http://127.0.0.1:<port>/<file> in
 * Settings, edit the file, press "Check now".
 */
import { resolve } from 'node:path';
import { startTeamServer } from './team-server';

async function main() {
  const folder = resolve(process.argv[2] ?? '.');
  const server = await startTeamServer(folder, Number(process.argv[3] ?? 8787));
  server.webhookAnswer = () => ({ status: 200 });
  console.log(`Serving ${folder} at ${server.origin}/ — webhook: ${server.origin}/webhook (Ctrl+C to stop)`);
  let seen = 0;
  setInterval(() => {
    for (const delivery of server.webhookDeliveries.slice(seen)) console.log(`webhook: ${delivery.keys.length} entries`);
    seen = server.webhookDeliveries.length;
  }, 500);
}

void main();
