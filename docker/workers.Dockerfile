# syntax=docker/dockerfile:1
#
# Workers image: the BullMQ worker process (a Nest application context, no HTTP).
# Build context is the repository root:
#   docker build -f docker/workers.Dockerfile -t sanshe-workers .
# The workers import the backend's compiled code through the workspace package @sanshe/backend,
# so the image carries backend/dist as well. Migrations are run by the API image, not here.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: backend first (the workers compile against its declarations), then workers ---------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY workers/package.json workers/
COPY frontend/package.json frontend/
COPY tools/fake-stripe/package.json tools/fake-stripe/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --workspace backend --workspace workers --include-workspace-root --no-audit --no-fund
COPY tsconfig.base.json ./
COPY backend/ backend/
COPY workers/ workers/
RUN npm run build -w backend && npm run build -w workers

# ---- deps: production dependencies of backend and workers --------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY workers/package.json workers/
COPY frontend/package.json frontend/
COPY tools/fake-stripe/package.json tools/fake-stripe/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --workspace backend --workspace workers --omit=dev --no-audit --no-fund

# ---- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=deps /app/package.json ./
# node_modules/@sanshe/backend is a workspace link to ../../backend: backend/ must sit beside it.
COPY --from=deps /app/node_modules node_modules
COPY --from=deps /app/backend/package.json backend/
COPY --from=deps /app/workers/package.json workers/
COPY --from=build /app/backend/dist backend/dist
COPY --from=build /app/workers/dist workers/dist
# STORAGE_DIR (uploaded documents, built exports) is a volume the api and the workers share
# (docker/compose.yml); made here so a new volume belongs to the unprivileged user.
RUN mkdir -p /data/uploads && chown node:node /data/uploads
USER node
# On SIGTERM the workers stop taking jobs and let running ones finish: give them time
# (compose sets stop_grace_period).
CMD ["node", "workers/dist/main.js"]
