import { readdirSync, readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { loadDatabaseEnv, loadEnv } from '../src/config/env.js';

// The Kubernetes manifests (docker/k8s) against what they deploy: the images docker/*.Dockerfile build
// (as docker/compose.yml names them), the routes the probes ask, the settings docs/configuration.md
// documents and production requires. Each check returns its problems, so the last tests can show that
// a broken copy of the manifests is caught.
const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

type Doc = { kind: string; metadata: { name: string }; [key: string]: any };
const K8S_FILES = readdirSync(new URL('docker/k8s/', ROOT)).filter((f) => f.endsWith('.yaml'));
const manifests: Doc[] = K8S_FILES.flatMap((f) =>
  parseAllDocuments(read(`docker/k8s/${f}`)).map((d) => {
    if (d.errors.length) throw new Error(`docker/k8s/${f}: ${d.errors[0].message}`);
    return d.toJS() as Doc;
  }),
);
const compose = parse(read('docker/compose.yml')) as {
  name: string;
  'x-backend-env': Record<string, string>;
  services: Record<string, { build?: { dockerfile: string } }>;
};

/**
 * Image name → its Dockerfile's text: the tag each docker/*.Dockerfile's build instructions give
 * (`docker build -f docker/api.Dockerfile -t sanshe-api .`), which is also the name Compose gives the
 * image its service of that name builds (`<project>-<service>`).
 */
const IMAGES = new Map(
  readdirSync(new URL('docker/', ROOT))
    .filter((file) => file.endsWith('.Dockerfile'))
    .flatMap((file) => {
      const text = read(`docker/${file}`);
      const image = /^#\s+docker build -f docker\/\S+ -t (\S+) \.$/m.exec(text)?.[1];
      const built = Object.entries(compose.services).some(
        ([service, s]) => s.build?.dockerfile === `docker/${file}` && `${compose.name}-${service}` === image,
      );
      return image && built ? [[image, text] as const] : [];
    }),
);

/** Variables documented in docs/configuration.md (the table under "## Variables"), with their row. */
const DOCUMENTED = new Map(
  [
    ...read('docs/configuration.md')
      .split(/^## Variables$/m)[1]
      .split(/^## /m)[0]
      .matchAll(/^\| `(\w+)` +\|(.*)$/gm),
  ].map((m) => [m[1], m[2].split('|').map((c) => c.trim())] as const),
);
/** Production refuses to start without them, or would talk to a server on loopback (the row's default). */
const REQUIRED = [...DOCUMENTED]
  .filter(
    ([name, [byDefault, required]]) =>
      // "with `s3`": needed only with that setting, checked below like Stripe's keys.
      (required !== 'no' && !required.startsWith('with ')) ||
      (name.endsWith('_URL') && byDefault.includes('127.0.0.1')),
  )
  .map(([name]) => name)
  .filter((name) => !name.startsWith('STRIPE_')) // required only once Stripe is configured: below
  .filter((name) => name !== 'BID_SEAL_SECRET'); // the workers' alone: below
// (Compose's `${NAME:-}`, unset unless given, need not be set here either.)
/** Compose refuses to start without these (`${NAME:?…}`): credentials, never in a ConfigMap. */
const COMPOSE_REQUIRED = Object.entries(compose['x-backend-env'])
  .filter(([, v]) => /^\$\{\w+:\?/.test(String(v)))
  .map(([k]) => k);

const ofKind = (docs: Doc[], kind: string) => docs.filter((d) => d.kind === kind);
const podSpec = (d: Doc) => d.spec.template.spec;
const containers = (d: Doc): any[] => [...(podSpec(d).initContainers ?? []), ...podSpec(d).containers];
const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** The variables a container gets: the ConfigMaps' values, and the Secret references (value unknown). */
function envOf(docs: Doc[], container: any) {
  const values: Record<string, string> = {};
  const secrets: Record<string, { optional: boolean }> = {};
  for (const from of container.envFrom ?? []) {
    const map = ofKind(docs, 'ConfigMap').find((c) => c.metadata.name === from.configMapRef?.name);
    Object.assign(values, map?.data ?? {});
  }
  for (const e of container.env ?? []) {
    if (e.valueFrom?.secretKeyRef) secrets[e.name] = { optional: e.valueFrom.secretKeyRef.optional === true };
    else values[e.name] = e.value;
  }
  return { values, secrets, names: [...Object.keys(values), ...Object.keys(secrets)] };
}

function imageProblems(docs: Doc[]): string[] {
  const problems: string[] = [];
  for (const d of [...ofKind(docs, 'Deployment'), ...ofKind(docs, 'Job')])
    for (const c of containers(d)) {
      const dockerfile = IMAGES.get(c.image);
      if (!dockerfile) {
        problems.push(
          `${d.metadata.name}/${c.name}: image ${c.image} is not built by compose (${[...IMAGES.keys()]})`,
        );
        continue;
      }
      // A command must run a file of the image (a dist folder it copies) of a command its source knows.
      for (const [, dist, file, sub] of (c.command ?? [])
        .join(' ')
        .matchAll(/(\w+)\/dist\/([\w/]+)\.js ?(\w+)?/g)) {
        if (!dockerfile.includes(`COPY --from=build /app/${dist}/dist ${dist}/dist`))
          problems.push(`${d.metadata.name}/${c.name}: ${c.image} has no ${dist}/dist`);
        const source = read(`${dist}/src/${file}.ts`);
        if (sub && !source.includes(`case '${sub}':`))
          problems.push(`${d.metadata.name}/${c.name}: ${dist}/src/${file}.ts has no command ${sub}`);
      }
    }
  return problems;
}

function probeProblems(docs: Doc[]): string[] {
  const problems: string[] = [];
  const routes = Object.keys((JSON.parse(read('docs/openapi.json')) as { paths: object }).paths);
  const deployment = (name: string) => ofKind(docs, 'Deployment').find((d) => d.metadata.name === name);
  const port = (c: any, p: string | number) =>
    c.ports?.find((x: any) => x.name === p || x.containerPort === p)?.containerPort;

  const api = deployment('api');
  const apiContainer = api && podSpec(api).containers.find((c: any) => c.image === 'sanshe-api');
  if (!apiContainer) return ['no api Deployment running sanshe-api'];
  const apiPort = Number(envOf(docs, apiContainer).values.PORT ?? 3000);
  const expected = { readinessProbe: '/api/health', livenessProbe: '/api/health/live' };
  for (const [probe, path] of Object.entries(expected)) {
    const get = apiContainer[probe]?.httpGet;
    if (get?.path !== path) problems.push(`api ${probe}: ${get?.path} instead of ${path}`);
    if (get?.path && !routes.includes(get.path))
      problems.push(`api ${probe}: the API has no route ${get.path}`);
    if (get && port(apiContainer, get.port) !== apiPort)
      problems.push(`api ${probe}: port ${get.port} is not PORT ${apiPort}`);
  }

  // nginx answers these itself; /api/ is proxied (docker/nginx.conf), and an API outage must not restart it.
  const nginx = read('docker/nginx.conf');
  const web = deployment('web');
  const webContainer = web && podSpec(web).containers.find((c: any) => c.image === 'sanshe-web');
  if (!webContainer) return [...problems, 'no web Deployment running sanshe-web'];
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    const get = webContainer[probe]?.httpGet;
    if (!get?.path || get.path.startsWith('/api/'))
      problems.push(`web ${probe}: ${get?.path} is not served by nginx itself`);
    if (
      !nginx.includes('location ^~ /api/') ||
      !/location \/ \{[^}]*try_files \$uri [^;]*\/index\.csr\.html;/.test(nginx)
    )
      problems.push('docker/nginx.conf: /api/ proxied and everything else the app is no longer the case');
    if (get && !nginx.includes(`listen ${port(webContainer, get.port)};`))
      problems.push(`web ${probe}: nginx does not listen on ${get.port}`);
  }
  return problems;
}

function scalingProblems(docs: Doc[]): string[] {
  const problems: string[] = [];
  for (const d of ofKind(docs, 'Deployment')) {
    const name = d.metadata.name;
    const labels = d.spec.template.metadata.labels;
    if (!selects(d.spec.selector.matchLabels, labels)) problems.push(`${name}: its selector misses its pods`);
    const hpa = ofKind(docs, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === name);
    if (!hpa || hpa.apiVersion !== 'autoscaling/v2' || hpa.spec.scaleTargetRef.kind !== 'Deployment')
      problems.push(`${name}: no autoscaling/v2 HorizontalPodAutoscaler`);
    const pdb = ofKind(docs, 'PodDisruptionBudget').find((p) => selects(p.spec.selector.matchLabels, labels));
    if (!pdb) problems.push(`${name}: no PodDisruptionBudget selects its pods`);
    // A budget as large as the smallest replica count would block every node drain.
    else if (hpa && !(pdb.spec.minAvailable < hpa.spec.minReplicas))
      problems.push(`${name}: the PDB blocks drains`);
    for (const c of podSpec(d).containers)
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory)
        problems.push(
          `${name}/${c.name}: cpu and memory requests and a memory limit are needed (the HPA measures against them)`,
        );
  }
  for (const s of ofKind(docs, 'Service')) {
    const target = ofKind(docs, 'Deployment').find((d) =>
      selects(s.spec.selector, d.spec.template.metadata.labels),
    );
    const ports = target
      ? podSpec(target).containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => p.name))
      : [];
    if (!target) problems.push(`Service ${s.metadata.name}: selects no Deployment's pods`);
    else
      for (const p of s.spec.ports)
        if (!ports.includes(p.targetPort))
          problems.push(`Service ${s.metadata.name}: no port ${p.targetPort}`);
  }
  return problems;
}

function migrationProblems(docs: Doc[]): string[] {
  const jobs = ofKind(docs, 'Job').filter((j) =>
    containers(j).some(
      (c) => c.image === 'sanshe-api' && c.command?.join(' ') === 'node backend/dist/database/cli.js migrate',
    ),
  );
  const problems =
    jobs.length === 1 ? [] : [`${jobs.length} Jobs run cli.js migrate on sanshe-api (1 expected)`];
  // The same command as the image's own start (docker/api.Dockerfile), which compose runs.
  if (!IMAGES.get('sanshe-api')?.includes('node backend/dist/database/cli.js migrate &&'))
    problems.push('the api image no longer migrates so');
  // Nothing else migrates (no lock in TypeORM); the app's pods wait for the Job instead.
  for (const d of ofKind(docs, 'Deployment'))
    for (const c of containers(d)) {
      const command = (c.command ?? []).join(' ');
      if (command.includes(' migrate')) problems.push(`${d.metadata.name}/${c.name} migrates too`);
      if (c.image === 'sanshe-api' && !c.command)
        problems.push(`${d.metadata.name}/${c.name}: the image's command migrates`);
    }
  return problems;
}

function envProblems(docs: Doc[]): string[] {
  const problems: string[] = [];
  for (const d of [...ofKind(docs, 'Deployment'), ...ofKind(docs, 'Job')])
    for (const c of containers(d)) {
      if (c.image === 'sanshe-web') continue; // nginx reads no variables
      if (c.image === 'sanshe-web-renderer') {
        // Its own variables (docs/configuration.md, "The web renderer"): the API, which trusts its network.
        const { names, values } = envOf(docs, c);
        if (names.join() !== 'API_URL' || values.API_URL !== 'http://api:3000')
          problems.push(
            `${d.metadata.name}/${c.name}: reads ${names.map((n) => `${n}=${values[n]}`).join(' ')} instead of API_URL=http://api:3000`,
          );
        continue;
      }
      const where = `${d.metadata.name}/${c.name}`;
      const { values, secrets, names } = envOf(docs, c);
      for (const name of names)
        if (!DOCUMENTED.has(name)) problems.push(`${where}: ${name} is not in docs/configuration.md`);
      const dbOnly = d.kind === 'Job' || c.name === 'wait-for-migrations'; // the database CLI
      const placeholders = Object.fromEntries(
        Object.keys(secrets).map((n) => [n, SECRET_PLACEHOLDERS[n] ?? '']),
      );
      try {
        if (dbOnly) loadDatabaseEnv({ ...values, ...placeholders });
        else loadEnv({ ...values, ...placeholders });
      } catch (err) {
        problems.push(`${where}: ${(err as Error).message}`);
      }
      if (values.NODE_ENV !== 'production') problems.push(`${where}: NODE_ENV is ${values.NODE_ENV}`);
      const needed = dbOnly ? ['DATABASE_URL'] : [...new Set([...REQUIRED, ...COMPOSE_REQUIRED])];
      for (const name of needed)
        if (!secrets[name] || secrets[name].optional)
          problems.push(`${where}: ${name} must come from the Secret`);
      // The key that opens sealed bids: the workers' from the Secret, never the API's (it refuses to start).
      if (!dbOnly && d.metadata.name === 'workers' && !secrets.BID_SEAL_SECRET)
        problems.push(`${where}: BID_SEAL_SECRET must come from the Secret`);
      if (d.metadata.name !== 'workers' && names.includes('BID_SEAL_SECRET'))
        problems.push(`${where}: BID_SEAL_SECRET belongs to the workers alone`);
      if (values.STORAGE_DRIVER === 's3')
        for (const name of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])
          if (!secrets[name]) problems.push(`${where}: ${name} must come from the Secret`);
      if (secrets.STRIPE_SECRET_KEY && !secrets.STRIPE_WEBHOOK_SECRET)
        problems.push(`${where}: a Stripe key without STRIPE_WEBHOOK_SECRET is refused in production`);
      if (!dbOnly)
        for (const [name, value] of Object.entries(compose['x-backend-env']))
          if (!names.includes(name) && value !== `\${${name}:-}`)
            problems.push(`${where}: ${name} is set by compose, not here`);
    }
  return problems;
}

/** Values of the right shape for what the Secret holds (its real values are never in the repository). */
const SECRET_PLACEHOLDERS: Record<string, string> = {
  DATABASE_URL: 'postgres://sanshe:secret@postgres:5432/sanshe',
  REDIS_URL: 'redis://:secret@redis:6379',
  JWT_SECRET: 'k'.repeat(64),
  SMTP_URL: 'smtp://user:secret@smtp.example.cn:587',
  STRIPE_SECRET_KEY: 'sk_live_0123456789abcdef',
  STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef0123',
  // A key pair made for this test only (production refuses the development pair of env.ts).
  BID_SEAL_SECRET: 'MC4CAQAwBQYDK2VuBCIEIKAo2W1q0RZqifiQEe/wNpYlgIrnQBXOUw6eYyL9vRpa',
  BID_SEAL_PUBLIC_KEY: 'MCowBQYDK2VuAyEAjuqbhGBAB2RD0klNi4Pl414BMsW300u3xhwjSCN26hY=',
};

const checks = { imageProblems, probeProblems, scalingProblems, migrationProblems, envProblems };

describe('docker/k8s', () => {
  it('lists every manifest in its kustomization, and each document has a kind and a name', () => {
    const kustomization = parse(read('docker/k8s/kustomization.yaml')) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual(
      K8S_FILES.filter((f) => f !== 'kustomization.yaml').sort(),
    );
    const documents = manifests.filter((d) => d.kind !== 'Kustomization');
    for (const d of documents) expect(d.metadata?.name).toEqual(expect.any(String));
    expect(
      ofKind(documents, 'Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(['api', 'web', 'web-renderer', 'workers']);
  });

  it('reads the documentation the checks rely on', () => {
    expect(DOCUMENTED.size).toBeGreaterThan(25);
    expect(REQUIRED.sort()).toEqual([
      'BID_SEAL_PUBLIC_KEY',
      'DATABASE_URL',
      'JWT_SECRET',
      'REDIS_URL',
      'SMTP_URL',
    ]);
    expect(COMPOSE_REQUIRED.sort()).toEqual(['BID_SEAL_PUBLIC_KEY', 'JWT_SECRET', 'SMTP_URL']);
    // Every Dockerfile, named by its build instructions as Compose names the image of its service.
    expect([...IMAGES.keys()].sort()).toEqual([
      'sanshe-api',
      'sanshe-web',
      'sanshe-web-renderer',
      'sanshe-workers',
    ]);
  });

  it.each(Object.keys(checks))('%s: none', (check) => {
    expect(checks[check as keyof typeof checks](manifests)).toEqual([]);
  });
});

describe('the checks catch a broken manifest', () => {
  /** A copy of the manifests with one change. */
  const broken = (change: (docs: Doc[]) => void) => {
    const docs = structuredClone(manifests);
    change(docs);
    return docs;
  };
  const deployment = (docs: Doc[], name: string) =>
    ofKind(docs, 'Deployment').find((d) => d.metadata.name === name)!;
  const configMap = (docs: Doc[]) => ofKind(docs, 'ConfigMap').find((c) => c.metadata.name === 'sanshe-env')!;

  it('a misspelt variable, a bad value, a missing secret, a credential in the ConfigMap', () => {
    const typo = broken((docs) => {
      const data = configMap(docs).data;
      data.RATE_LIMIT_PER_MINUTES = data.RATE_LIMIT_PER_MINUTE;
      delete data.RATE_LIMIT_PER_MINUTE;
    });
    expect(envProblems(typo)).toEqual(
      expect.arrayContaining([
        'api/api: RATE_LIMIT_PER_MINUTES is not in docs/configuration.md',
        'api/api: RATE_LIMIT_PER_MINUTE is set by compose, not here',
      ]),
    );
    const badValue = broken((docs) => (configMap(docs).data.LOG_LEVEL = 'verbose'));
    expect(envProblems(badValue).join('\n')).toContain('api/api: Invalid configuration:\n  LOG_LEVEL');
    const noJwt = broken((docs) => {
      const api = podSpec(deployment(docs, 'api')).containers[0];
      api.env = api.env.filter((e: any) => e.name !== 'JWT_SECRET');
    });
    expect(envProblems(noJwt)).toEqual(
      expect.arrayContaining(['api/api: JWT_SECRET must come from the Secret']),
    );
    const smtpInTheOpen = broken((docs) => {
      const workers = podSpec(deployment(docs, 'workers')).containers[0];
      workers.env = workers.env.filter((e: any) => e.name !== 'SMTP_URL');
      configMap(docs).data.SMTP_URL = 'smtp://user:password@smtp.example.cn';
    });
    expect(envProblems(smtpInTheOpen)).toContain('workers/workers: SMTP_URL must come from the Secret');
    const s3KeysInTheOpen = broken((docs) =>
      Object.assign(configMap(docs).data, {
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'sanshe-files',
        S3_ACCESS_KEY_ID: 'key-id',
        S3_SECRET_ACCESS_KEY: 'secret',
      }),
    );
    expect(envProblems(s3KeysInTheOpen)).toEqual(
      expect.arrayContaining(['api/api: S3_SECRET_ACCESS_KEY must come from the Secret']),
    );
    const rendererThroughNginx = broken(
      (docs) => (podSpec(deployment(docs, 'web-renderer')).containers[0].env[0].value = 'http://web'),
    );
    expect(envProblems(rendererThroughNginx)).toEqual([
      'web-renderer/web-renderer: reads API_URL=http://web instead of API_URL=http://api:3000',
    ]);
  });

  it('an image nobody builds, a probe on a route the API lacks or through the proxy, a PDB that misses its pods', () => {
    expect(
      imageProblems(
        broken((docs) => (podSpec(deployment(docs, 'workers')).containers[0].image = 'sanshe-worker')),
      ),
    ).toEqual([expect.stringContaining('workers/workers: image sanshe-worker is not built by compose')]);
    const probes = broken((docs) => {
      podSpec(deployment(docs, 'api')).containers[0].livenessProbe.httpGet.path = '/api/healthz';
      podSpec(deployment(docs, 'web')).containers[0].readinessProbe.httpGet.path = '/api/health';
    });
    expect(probeProblems(probes)).toEqual([
      'api livenessProbe: /api/healthz instead of /api/health/live',
      'api livenessProbe: the API has no route /api/healthz',
      'web readinessProbe: /api/health is not served by nginx itself',
    ]);
    const pdb = broken((docs) => {
      const web = ofKind(docs, 'PodDisruptionBudget').find((p) => p.metadata.name === 'web')!;
      web.spec.selector.matchLabels['app.kubernetes.io/component'] = 'frontend';
    });
    expect(scalingProblems(pdb)).toEqual(['web: no PodDisruptionBudget selects its pods']);
  });

  it('a second migrator, or none', () => {
    const apiMigrates = broken((docs) => delete podSpec(deployment(docs, 'api')).containers[0].command);
    expect(migrationProblems(apiMigrates)).toEqual(["api/api: the image's command migrates"]);
    const noJob = broken(
      (docs) =>
        (ofKind(docs, 'Job')[0].spec.template.spec.containers[0].command = ['node', 'backend/dist/main.js']),
    );
    expect(migrationProblems(noJob)).toEqual(['0 Jobs run cli.js migrate on sanshe-api (1 expected)']);
  });
});
