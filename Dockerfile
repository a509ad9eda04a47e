# The InnoGraph API image: the package installed with pip, served by gunicorn.
#   docker build -t innograph-api .
#   docker run -p 127.0.0.1:5000:5000 -e INNOGRAPH_API_KEYS=... innograph-api   (embedded SQLite store in /data)
# docker-compose.yml runs it against Neo4j instead.

# The explorer's JavaScript libraries (git-ignored api/static/vendor/), vendored from the versions pinned
# in package-lock.json by scripts/build-web, so that a fresh checkout builds a working image.
FROM node:20-slim AS web
WORKDIR /web
COPY package.json package-lock.json ./
COPY scripts/build-web ./scripts/build-web
RUN scripts/build-web

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin innograph \
 && mkdir -p /data && chown innograph:innograph /data

WORKDIR /src
COPY pyproject.toml setup.cfg README.md ./
COPY graph ./graph
COPY extract ./extract
COPY ingest ./ingest
COPY api ./api
COPY --from=web /web/api/static/vendor ./api/static/vendor
COPY cypher ./cypher
RUN pip install ".[server,dask]" && rm -rf /src

USER innograph
WORKDIR /data
ENV INNOGRAPH_STORE=sqlite:////data/innograph.db \
    GUNICORN_CMD_ARGS="--bind=0.0.0.0:5000 --workers=2 --threads=4 --timeout=330 --graceful-timeout=30 --limit-request-line=8190 --limit-request-fields=100 --limit-request-field_size=8190 --access-logfile=-"
EXPOSE 5000
VOLUME ["/data"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:5000/healthz', timeout=4).status == 200 else 1)"

CMD ["gunicorn", "api.serving:wsgi_app()"]
