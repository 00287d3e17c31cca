'use strict';
// Serves the built site through Debian's nginx, with the configuration `portal build`
// wrote (dist/server/nginx/contratto.conf beside public/), as production does: the same
// headers, the same .br and .gz files, each language's 404 page, the same access log
// format. Only the address (127.0.0.1 and a free port), the folder served and the log
// file are changed, for a server of the test's own (its own prefix, in a temporary folder).
// tests/server/install installs nginx and its Brotli module; ./run calls it.

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const NGINX = process.env.NGINX || '/usr/sbin/nginx';
const BROTLI = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

// siteConf changes, in the generated configuration, only where it listens, what it
// serves and where it logs (access and errors); it fails when one of those lines is not found.
function siteConf(generated, port, root, log, errorLog) {
  const swaps = [
    [/^\tlisten [^;]+;$/m, `\tlisten 127.0.0.1:${port};`],
    [/^\troot [^;]+;$/m, `\troot ${root};`],
    [/^\taccess_log [^ ;]+ contratto_private;$/m, `\taccess_log ${log} contratto_private;`],
    [/^\terror_log [^ ;]+ crit;$/m, `\terror_log ${errorLog} crit;`],
  ];
  let conf = generated;
  for (const [re, line] of swaps) {
    if (!re.test(conf)) { throw new Error(`the nginx configuration has no line matching ${re}`); }
    conf = conf.replace(re, line);
  }
  return conf;
}

/**
 * serve starts nginx and resolves to { origin, accessLog, close }.
 * @param {string} root absolute path of public/
 * @param {string} generated path of the nginx configuration portal build wrote
 */
async function serve(root, generated) {
  root = path.resolve(root);
  if (!fs.existsSync(NGINX) || !fs.existsSync(BROTLI)) {
    throw new Error(`${NGINX} or its Brotli module is missing: run tests/server/install`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-nginx-'));
  const port = await freePort();
  const accessLog = path.join(dir, 'access.log');
  const errorLog = path.join(dir, 'site-error.log');
  fs.writeFileSync(path.join(dir, 'site.conf'), siteConf(fs.readFileSync(generated, 'utf8'), port, root, accessLog, errorLog));
  let main = '';
  if (process.getuid && process.getuid() === 0) {
    // Started by root, nginx serves as an unprivileged user: it must reach the files.
    main += 'user nobody nogroup;\n';
    fs.chmodSync(dir, 0o755);
  }
  main += `load_module ${BROTLI};\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\n`;
  main += 'events { worker_connections 256; }\nhttp {\n';
  for (const t of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) { main += `\t${t}_temp_path ${dir}/${t};\n`; }
  main += `\tinclude ${dir}/site.conf;\n}\n`;
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, main);
  const args = ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')];
  execFileSync(NGINX, [...args, '-t'], { stdio: 'pipe' }); // throws with nginx's message
  const proc = spawn(NGINX, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise((ok) => proc.once('exit', ok));
  for (let i = 0; ; i++) {
    const up = await new Promise((ok) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); ok(true); });
      c.once('error', () => ok(false));
    });
    if (up) { break; }
    if (i > 200 || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      throw new Error(`nginx does not answer on 127.0.0.1:${port}: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    accessLog,
    errorLog,
    close: async () => {
      proc.kill('SIGQUIT');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { serve };
