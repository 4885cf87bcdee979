# syntax=docker/dockerfile:1
#
# API image: NestJS on Fastify, serving /api on port 3000.
# Build context is the repository root:
#   docker build -f docker/api.Dockerfile -t sanshe-api .
# On start it applies pending migrations, then starts the API.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: the backend's and the root's dependencies (dev included), then compile --------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Every workspace's package.json is needed for npm ci to accept the workspace lockfile.
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY workers/package.json workers/
COPY frontend/package.json frontend/
COPY tools/fake-stripe/package.json tools/fake-stripe/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --workspace backend --include-workspace-root --no-audit --no-fund
COPY tsconfig.base.json ./
COPY backend/ backend/
RUN npm run build -w backend

# ---- deps: production dependencies of the backend only ------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY workers/package.json workers/
COPY frontend/package.json frontend/
COPY tools/fake-stripe/package.json tools/fake-stripe/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --workspace backend --omit=dev --no-audit --no-fund

# ---- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# The CJK font the volunteer certificates write names in (CERTIFICATE_FONT); the API refuses to
# start in production without it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules node_modules
COPY --from=deps /app/backend/package.json backend/
COPY --from=build /app/backend/dist backend/dist
# STORAGE_DIR (uploaded documents, built exports) is a volume the api and the workers share
# (docker/compose.yml); made here so a new volume belongs to the unprivileged user.
RUN mkdir -p /data/uploads && chown node:node /data/uploads
USER node
EXPOSE 3000
# exec: node replaces the shell, so it receives SIGTERM directly and shuts down cleanly.
CMD ["sh", "-c", "node backend/dist/database/cli.js migrate && exec node backend/dist/main.js"]
