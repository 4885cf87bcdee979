// End-to-end: an account's e-mail links, through the real UI, the workers and the stack's mail catcher.
// A new user signs up (the page says to check the e-mail) and signs in unverified; the profile says
// so. The verification mail's link, opened signed out on a phone, asks to sign in, then verifies the
// address. Then, signed in on a "laptop", the user
// forgets the password on a phone: the reset mail's link sets a new one, the laptop's session is dead,
// the old password is refused and the new one signs in. Prints `N passed, N failed` last.
//
// Env: WEB_URL, API_URL, MAIL_INBOX_URL (set by `npm test -- e2e`), CHROMIUM.
import {
  api,
  assert,
  failureShot,
  log,
  loginPair,
  mailedLink,
  mailTo,
  newPage,
  openMenu,
  PHONE,
  runJourney,
  SCREENSHOTS,
  signIn,
  submitLogin,
  text,
  waitOrError,
  WEB_URL,
} from './lib/journey.mjs';

const STAMP = String(Date.now());
const USER = {
  email: `e2e-account-${STAMP}@example.cn`,
  password: 'E2e-pass-1234',
  name: `E2E 用户 ${STAMP}`,
};
const NEW_PASSWORD = 'E2e-new-pass-5678';
const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** The laptop: signed in from sign-up until the reset ends its session. */
let laptop;

async function signUpAndVerify(browser) {
  const { page } = laptop;
  log(`signing up ${USER.email}`);
  await page.goto(`${WEB_URL}/register`);
  await page.getByTestId('register-email').fill(USER.email);
  await page.getByTestId('register-password').fill(USER.password);
  await page.getByTestId('register-name').fill(USER.name);
  await page.getByTestId('register-submit').click();
  await waitOrError(page, page.getByTestId('register-sent'), 'register-error');
  const sent = await text(page.getByTestId('register-sent'));
  assert(sent.includes(USER.email), `the page should name the address to check, shows: ${sent}`);

  log('signing in before verifying: the profile says the e-mail is not verified');
  await signIn(page, USER.email, USER.password);
  await openMenu(page, 'profile');
  await page.getByTestId('profile-email-unverified').waitFor();
  assert((await page.getByTestId('profile-resend').count()) === 1, 'no button to resend the verification');

  log('opening the verification link on a phone, signed out: sign in first, then it verifies');
  const mail = await mailTo(USER.email, '验证');
  const phone = await newPage(browser, PHONE, 'phone');
  try {
    await phone.page.goto(mailedLink(mail, '/verify-email'));
    await phone.page.getByTestId('login-email').fill(USER.email);
    await phone.page.getByTestId('login-password').fill(USER.password);
    await phone.page.getByTestId('login-submit').click();
    await waitOrError(phone.page, phone.page.getByTestId('verify-email-done'), [
      'verify-email-failed',
      'login-error',
    ]);
  } catch (err) {
    await failureShot(phone.page, 'failure-account-verify');
    throw err;
  } finally {
    await phone.context.close();
  }
  await page.goto(`${WEB_URL}/profile`);
  await page.getByTestId('profile-email-verified').waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}account-verified.png`, fullPage: true });
}

async function resetPassword(browser) {
  // A third device, signed in through the API: its access token must stop working at once.
  const tablet = await loginPair(USER.email, USER.password);

  const { context, page } = await newPage(browser, PHONE, 'phone');
  try {
    log('on a phone: "forgot your password?" from the login page');
    await page.goto(`${WEB_URL}/login`);
    await page.getByTestId('forgot-link').click();
    await page.getByTestId('forgot-email').fill(USER.email);
    await page.getByTestId('forgot-submit').click();
    await waitOrError(page, page.getByTestId('forgot-sent'), 'forgot-error');

    log('following the link of the reset mail to set a new password');
    const mail = await mailTo(USER.email, '重设密码');
    await page.goto(mailedLink(mail, '/reset-password'));
    await page.getByTestId('reset-password').fill(NEW_PASSWORD);
    await page.getByTestId('reset-confirm').fill(NEW_PASSWORD);
    await page.getByTestId('reset-submit').click();
    await waitOrError(page, page.getByTestId('reset-done'), 'reset-error');
    await page.screenshot({ path: `${SCREENSHOTS}account-reset.png`, fullPage: true });

    log('the same link a second time is refused');
    await page.goto('about:blank');
    await page.goto(mailedLink(mail, '/reset-password'));
    await page.getByTestId('reset-password').fill('E2e-third-pass-0');
    await page.getByTestId('reset-confirm').fill('E2e-third-pass-0');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-error').waitFor();
  } catch (err) {
    await failureShot(page, 'failure-account-phone');
    throw err;
  } finally {
    await context.close();
  }

  log('every other session is dead: the API refuses their tokens, the laptop is asked to sign in');
  let refused = false;
  try {
    await api('GET', '/me', { token: tablet.accessToken });
  } catch (err) {
    refused = /answered 401/.test(String(err));
  }
  assert(refused, "the other device's access token still works after the reset");
  await laptop.page.reload();
  await laptop.page.getByTestId('login-email').waitFor();

  log('the old password is refused, the new one signs in');
  await submitLogin(laptop.page, USER.email, USER.password);
  await laptop.page.getByTestId('login-error').waitFor();
  // In the page's language (Chinese), chosen from the refusal's code.
  const refusal = await text(laptop.page.getByTestId('login-error'));
  assert(refusal.includes('邮箱或密码不正确'), `the refusal should be in Chinese: "${refusal}"`);
  await signIn(laptop.page, USER.email, NEW_PASSWORD);
}

await runJourney(
  'account',
  [
    ['sign up, sign in unverified, verify the e-mail by its link', signUpAndVerify],
    ['forgot password: mailed link, new password, old sessions dead, sign in', resetPassword],
  ],
  {
    before: async (browser) => {
      laptop = await newPage(browser, DESKTOP, 'laptop');
    },
    onFailure: () => failureShot(laptop.page, 'failure-account'),
  },
);
