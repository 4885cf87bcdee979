// `npm start -w frontend` (ng serve) forwards /api to the API, like the production static server does.
export default {
  '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', secure: false },
};
