/**
 * A real S3-compatible engine for the team-workspace tests: Debian's Ceph RADOS Gateway as a
 * single-node cluster on loopback (one monitor, one in-memory OSD, radosgw), ready in ~2 s. Daemons
 * run in the foreground under setsid so each has its own PID (a signal to the test runner's group
 * does not reach them) and are stopped by PID. Needs Debian's radosgw, ceph-mon and ceph-osd
 * (`.ci/run` installs them; ensureRgw installs them when missing and we are root).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClient } from 'aws4fetch';
import { corsRuleXml, type TeamRoster, teamBucketPolicy } from '../../utils/workspace/bucket-policy';

const BINARIES = ['radosgw', 'ceph-mon', 'ceph-osd', 'radosgw-admin', 'monmaptool', 'ceph-authtool', 'ceph'];

const onPath = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** Whether the Ceph binaries are here; installs Debian's packages when they are not and we may (root). */
export function ensureRgw(): boolean {
  if (BINARIES.every(onPath)) return true;
  if (process.getuid?.() !== 0) return false;
  const apt = (args: string[]) =>
    spawnSync('apt-get', args, { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt(['install', '-y', '-qq', '--no-install-recommends', 'radosgw', 'ceph-mon', 'ceph-osd']).status !== 0) {
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', '--no-install-recommends', 'radosgw', 'ceph-mon', 'ceph-osd']);
  }
  return BINARIES.every(onPath);
}

export interface RgwUser {
  uid: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface Rgw {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  /** Creates a user with its own keys (radosgw-admin). */
  createUser(uid: string): RgwUser;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Two consecutive free ports (the monitor's v2 and v1 addresses). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < 65_000) {
      const ok = await new Promise<boolean>((resolve) => {
        const server = createServer();
        server.once('error', () => resolve(false));
        server.listen(port + 1, '127.0.0.1', () => server.close(() => resolve(true)));
      });
      if (ok) return port;
    }
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Ceph: ${what} not ready after ${timeoutMs} ms`);
}

/** Whether a PID is a live process (a killed daemon can linger as a zombie, which kill -0 calls alive). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

export async function startRgw(): Promise<Rgw> {
  const dir = mkdtempSync(join(tmpdir(), 'dalil-rgw-'));
  const monPort = await freePortPair();
  const rgwPort = await freePort();
  const msgrMin = 20_000 + Math.floor(Math.random() * 30_000);
  const fsid = randomUUID();
  const conf = join(dir, 'ceph.conf');
  const keyring = join(dir, 'keyring');
  const monHost = `[v2:127.0.0.1:${monPort},v1:127.0.0.1:${monPort + 1}]`;
  writeFileSync(
    conf,
    `[global]
fsid = ${fsid}
mon host = ${monHost}
public network = 127.0.0.0/8
ms bind ipv6 = false
ms bind port min = ${msgrMin}
ms bind port max = ${msgrMin + 200}
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
paxos propose interval = 0.05
paxos min wait = 0.01
run dir = ${dir}/run
admin socket = ${dir}/run/$name.asok
log file = ${dir}/log/$name.log
pid file = ${dir}/run/$name.pid
keyring = ${keyring}
mon data = ${dir}/mon/$cluster-$id
osd data = ${dir}/osd/$cluster-$id

[osd]
osd objectstore = memstore
memstore device bytes = 2147483648
osd max object name len = 460
osd max object namespace len = 64

[client.rgw.x]
ms mon client mode = crc secure
rgw frontends = beast endpoint=127.0.0.1:${rgwPort} tcp_nodelay=1
rgw data = ${dir}/rgw
`,
  );
  for (const sub of ['run', 'log', 'mon', 'osd/ceph-0', 'rgw']) mkdirSync(join(dir, sub), { recursive: true });
  const run = (cmd: string, args: string[]) => execFileSync(cmd, ['-c', conf, ...args], { stdio: 'pipe', encoding: 'utf8' });
  execFileSync('ceph-authtool', ['--create-keyring', keyring, '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']);
  execFileSync('ceph-authtool', [
    keyring,
    '--gen-key',
    '-n',
    'client.admin',
    '--cap',
    'mon',
    'allow *',
    '--cap',
    'osd',
    'allow *',
  ]);
  const monmap = join(dir, 'monmap');
  execFileSync('monmaptool', ['--create', '--fsid', fsid, '--addv', 'a', monHost, monmap], { stdio: 'ignore' });
  run('ceph-mon', ['--mkfs', '-i', 'a', '--monmap', monmap, '--keyring', keyring]);

  const daemons: ChildProcess[] = [];
  const start = (cmd: string, args: string[]) => {
    const child = spawn('setsid', [cmd, '-c', conf, '-f', ...args], { stdio: 'ignore', detached: false });
    daemons.push(child);
    return child;
  };
  const stop = () => {
    for (const child of daemons.reverse()) {
      if (child.pid !== undefined && alive(child.pid)) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    start('ceph-mon', ['-i', 'a']);
    await until(
      'monitor',
      () => spawnSync('ceph', ['-c', conf, '-s', '--connect-timeout', '2'], { stdio: 'ignore' }).status === 0,
    );
    const osdUuid = randomUUID();
    const osdId = run('ceph', ['osd', 'new', osdUuid]).trim();
    run('ceph-osd', ['-i', osdId, '--mkfs', '--osd-uuid', osdUuid]);
    start('ceph-osd', ['-i', osdId]);
    await until('OSD', () => /"num_up_osds":\s*1/.test(run('ceph', ['osd', 'stat', '-f', 'json'])));
    start('radosgw', ['-n', 'client.rgw.x']);
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    await until('radosgw', async () =>
      fetch(endpoint).then(
        (r) => r.status > 0,
        () => false,
      ),
    );
    return {
      endpoint,
      createUser(uid) {
        const accessKeyId = `AK${uid.toUpperCase().replace(/[^A-Z0-9]/g, '')}${randomUUID().slice(0, 8).toUpperCase()}`.slice(
          0,
          20,
        );
        const secretAccessKey = randomUUID().replace(/-/g, '') + randomUUID().slice(0, 8);
        run('radosgw-admin', [
          'user',
          'create',
          `--uid=${uid}`,
          `--display-name=${uid}`,
          `--access-key=${accessKeyId}`,
          `--secret-key=${secretAccessKey}`,
        ]);
        return { uid, accessKeyId, secretAccessKey };
      },
      stop,
    };
  } catch (error) {
    const logs = existsSync(join(dir, 'log'))
      ? execFileSync('sh', ['-c', `tail -n 20 ${dir}/log/*.log`], { encoding: 'utf8' })
      : '';
    stop();
    throw new Error(`${(error as Error).message}\n${logs}`);
  }
}

/**
 * The team's bucket as docs/team-workspace.md sets it up: created by its owner (the manager), with the
 * roles' bucket policy and the CORS rule that lets the extension in without a host permission.
 */
export async function createTeamBucket(rgw: Rgw, owner: RgwUser, bucket: string, roster: TeamRoster): Promise<void> {
  const client = new AwsClient({ ...owner, service: 's3', region: 'us-east-1', retries: 0 });
  const url = `${rgw.endpoint}/${bucket}`;
  const cors = corsRuleXml();
  for (const [what, response] of [
    ['bucket', await client.fetch(url, { method: 'PUT' })],
    ['policy', await client.fetch(`${url}?policy`, { method: 'PUT', body: JSON.stringify(teamBucketPolicy(bucket, roster)) })],
    [
      'CORS rule',
      await client.fetch(`${url}?cors`, {
        method: 'PUT',
        body: cors,
        headers: { 'content-md5': createHash('md5').update(cors).digest('base64') },
      }),
    ],
  ] as const) {
    if (!response.ok) throw new Error(`Ceph refused the team bucket's ${what}: ${response.status} ${await response.text()}`);
  }
}
