# syntax=docker/dockerfile:1
#
# Web renderer image: draws the pages of the Angular app that docker/nginx.conf forwards to it (the
# public directory, frontend/src/server.ts) at request time, reading the API at API_URL. The server
# bundle carries all it needs: no node_modules. Build context is the repository root:
#   docker build -f docker/web-renderer.Dockerfile -t sanshe-web-renderer .

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: the frontend's and the root's dependencies, then ng build (production) --------------
FROM ${NODE_IMAGE} AS build
ENV NG_CLI_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY workers/package.json workers/
COPY frontend/package.json frontend/
COPY tools/fake-stripe/package.json tools/fake-stripe/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --workspace frontend --include-workspace-root --no-audit --no-fund
COPY frontend/ frontend/
RUN npm run build -w frontend

# ---- runtime: the server bundle alone, as the unprivileged node user -----------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app/frontend/dist/frontend/server server
ENV NODE_ENV=production PORT=4000
# A heap of 192 MB keeps it near 370 MB resident under load (near 480 MB unbounded), at the same
# speed (docs/scaling.md).
ENV NODE_OPTIONS=--max-old-space-size=192
# The name nginx sends it as the Host (docker/nginx.conf); requests naming another are refused.
ENV NG_ALLOWED_HOSTS=web-renderer
USER node
EXPOSE 4000
CMD ["node", "server/server.mjs"]
