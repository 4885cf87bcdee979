export * from './fake-stripe.js';
