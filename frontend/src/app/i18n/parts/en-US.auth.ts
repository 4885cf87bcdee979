import type { zhCNAuth } from './zh-CN.auth';

/** English strings of zh-CN.auth.ts, with exactly its keys. */
export const enUSAuth: Record<keyof typeof zhCNAuth, string> = {
  'forgot.intro': 'Enter the e-mail you registered with and we will send you a link to set a new password.',
  'forgot.sent':
    'If {email} has an account, a message with a reset link is on its way. The link works once, for a short time.',
  'forgot.submit': 'Send the link',
  'forgot.title': 'Forgot your password',
  'form.passwordMin': 'At least 8 characters',
  'login.forgot': 'Forgot your password?',
  'login.noAccount': 'No account yet?',
  'login.password': 'Password',
  'login.registerLink': 'Register now',
  'login.submit': 'Sign in',
  'login.title': 'Sign in',
  'register.displayName': 'Name',
  'register.haveAccount': 'Already have an account?',
  'register.loginLink': 'Sign in',
  'register.phone': 'Phone (optional)',
  'register.sent':
    'We sent a message to {email}. For a new account, open its link to verify your e-mail; if this address already has an account, the message tells you how to sign in or reset your password.',
  'register.sentLogin': 'Go to sign in',
  'register.sentTitle': 'Check your e-mail',
  'register.submit': 'Register',
  'register.title': 'Create an account',
  'reset.again': 'Ask for a new link',
  'reset.confirm': 'New password again',
  'reset.done': 'Your password is changed and every device was signed out. Sign in with the new password.',
  'reset.mismatch': 'The two passwords differ',
  'reset.missing': 'The link is incomplete: open it again from the message, or ask for a new one.',
  'reset.password': 'New password',
  'reset.submit': 'Set the new password',
  'reset.title': 'Set a new password',
  'verifyEmail.continue': 'Continue',
  'verifyEmail.done': 'Your e-mail is verified. You can now accept invitations sent to it.',
  'verifyEmail.missing':
    'The link is incomplete: open it again from the message, or resend the verification e-mail from your profile.',
  'verifyEmail.title': 'Verify your e-mail',
  'verifyEmail.working': 'Verifying…',
  'welcome.done': 'Your password is set and your e-mail address verified. Sign in with them.',
  'welcome.intro':
    'Welcome to Sanshe Linkage. Choose the password of your account; you then sign in with your e-mail address and this password.',
  'welcome.submit': 'Set the password',
  'welcome.title': 'Set your password',
};
