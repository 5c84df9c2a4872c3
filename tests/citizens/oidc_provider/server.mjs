// A local OpenID Connect provider for the citizens tests, built on node-oidc-provider.
//
// Environment:
//   PORT           port on 127.0.0.1 (required)
//   ISSUER         issuer it announces (default http://127.0.0.1:PORT): a different value
//                  plays a provider whose discovery document names another issuer
//   CLOCK_SKEW     seconds added to the provider's clock at its token endpoint (negative:
//                  the ID token it issues has already expired)
//   CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma separated)
//
// The interaction pages are plain HTML forms: a login form that takes the citizen's
// identifier (a test account) and a consent form, as an identity provider shows them.
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const skew = Number(process.env.CLOCK_SKEW || 0) * 1000;
let skewing = false;
if (skew) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + (skewing ? skew : 0);
}

const { default: Provider } = await import('oidc-provider');

const port = Number(process.env.PORT);
const issuer = process.env.ISSUER || `http://127.0.0.1:${port}`;

// Test accounts, by the personal identity number typed on the login page; `sub` is an
// opaque pairwise-style identifier, as identity providers give relying parties.
const ACCOUNTS = {
  '001099012345': {
    sub: 'c1d0a9e4-hoa',
    name: 'Nguyễn Thị Hoa',
    email: 'hoa.nguyen@example.vn',
    email_verified: true,
    phone_number: '0912345678',
    phone_number_verified: true,
  },
  '079088000111': {
    sub: 'c1d0a9e4-binh',
    name: 'Trần Văn Bình',
    email: 'binh.tran@example.vn',
    email_verified: true,
  },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID || 'govportal',
      client_secret: process.env.CLIENT_SECRET || 'govportal-secret',
      redirect_uris: (process.env.REDIRECT_URIS || '').split(',').filter(Boolean),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    profile: ['name'],
    email: ['email', 'email_verified'],
    phone: ['phone_number', 'phone_number_verified'],
  },
  scopes: ['openid', 'profile', 'email', 'phone'],
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [randomUUID()] },
  ttl: { AuthorizationCode: 60, IdToken: 3600, AccessToken: 3600, Session: 3600, Interaction: 600, Grant: 3600 },
  async findAccount(ctx, id) {
    const account = Object.values(ACCOUNTS).find((candidate) => candidate.sub === id);
    if (!account) return undefined;
    return { accountId: id, async claims() { return { ...account }; } };
  },
});
provider.proxy = false;
provider.use(async (ctx, next) => {
  // Only tokens are issued with the wrong clock: the browser's cookies stay valid.
  skewing = Boolean(skew) && ctx.path === '/token';
  try {
    await next();
  } finally {
    skewing = false;
  }
});

function page(title, body) {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head>`
    + `<body><main><h1>${title}</h1>${body}</main></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(req, res) {
  const url = new URL(req.url, issuer);
  const [, , uid, action] = url.pathname.split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (details.prompt.name === 'login') {
      res.end(page('Đăng nhập định danh điện tử', `
        <form method="post" action="/interaction/${uid}/login">
          <label for="login">Số định danh cá nhân</label>
          <input id="login" name="login" autocomplete="off">
          <button type="submit">Đăng nhập</button>
        </form>`));
    } else {
      res.end(page('Chia sẻ thông tin', `
        <p>Cổng thông tin xin các thông tin: ${[...new Set(details.params.scope.split(' '))].join(', ')}</p>
        <form method="post" action="/interaction/${uid}/confirm">
          <button type="submit">Đồng ý</button>
        </form>`));
    }
    return;
  }
  const form = await readForm(req);
  if (action === 'login') {
    const login = form.get('login') || '';
    if (!ACCOUNTS[login]) {
      res.statusCode = 400;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page('Đăng nhập định danh điện tử', '<p>Tài khoản không tồn tại.</p>'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: ACCOUNTS[login].sub } }, { mergeWithLastSubmission: false });
    return;
  }
  if (action === 'confirm') {
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  res.statusCode = 404;
  res.end();
}

const handler = provider.callback();
http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((err) => {
      res.statusCode = 400;
      res.end(String(err && err.message));
    });
    return;
  }
  handler(req, res);
}).listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${port} as ${issuer}`);
});
