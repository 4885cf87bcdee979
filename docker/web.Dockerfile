# syntax=docker/dockerfile:1
#
# Web image: the Angular app as static files, served by nginx, with /api/ proxied to the API
# (docker/nginx.conf). Build context is the repository root:
#   docker build -f docker/web.Dockerfile -t sanshe-web .

ARG NODE_IMAGE=node:24-bookworm-slim
ARG NGINX_IMAGE=nginx:1.28-alpine

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

# ---- runtime: nginx as the unprivileged nginx user ----------------------------------------------
FROM ${NGINX_IMAGE} AS runtime
RUN rm -f /etc/nginx/conf.d/default.conf
COPY docker/nginx.conf /etc/nginx/nginx.conf
COPY docker/security-headers.conf /etc/nginx/security-headers.conf
COPY docker/upstreams.conf /etc/nginx/upstreams.conf
COPY --from=build /app/frontend/dist/frontend/browser /usr/share/nginx/html
# nginx keeps its pid and temp files under /tmp (see nginx.conf), so it needs no root.
# Port 80 is below 1024: compose sets net.ipv4.ip_unprivileged_port_start=0 for this container
# (Docker Engine does so by default too).
USER nginx
EXPOSE 80
