# syntax=docker/dockerfile:1
# Vitrine in a container: the release archive of scripts/package.sh (server binary + site root)
# on a small Debian base, running as an unprivileged user, with the SQLite database and the
# media folder in one volume (/var/lib/vitrine).
#
#   docker build -t vitrine .
#   docker run -d --name vitrine -p 127.0.0.1:3000:3000 -v vitrine-data:/var/lib/vitrine \
#     -e VITRINE_PUBLIC_URL=https://vitrine.example.be vitrine
#   docker exec -i vitrine vitrine create-admin --email you@example.be --password-stdin <<<"$PASSWORD"
#   docker exec vitrine vitrine backup /var/lib/vitrine/backups/$(date +%F)
#
# The build stage does what scripts/setup.sh and scripts/build.sh do on a machine (the same
# tool versions, no download from GitHub): cargo-leptos 0.3.10 on stable Rust, the wasm-bindgen
# CLI of Cargo.lock's version, wasm-opt from npm's binaryen. docs/DEPLOY.md has the details.

FROM rust:1.95-bookworm AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The tools first, in their own layer: they change only with Cargo.lock's wasm-bindgen version
# or setup.sh itself (about 25 minutes on 2 cores the first time).
COPY scripts/setup.sh scripts/env.sh scripts/
COPY Cargo.lock ./
RUN scripts/setup.sh build
COPY . .
# The release build and its archive (target/package/vitrine-<version>-linux-<arch>.tar.gz),
# unpacked into /out/vitrine: the image holds exactly what the archive holds.
RUN scripts/package.sh \
    && mkdir -p /out \
    && tar -C /out -xzf target/package/vitrine-*-linux-*.tar.gz \
    && mv /out/vitrine-* /out/vitrine

FROM debian:bookworm-slim
# The binary needs only glibc: SQLite is built in, TLS is rustls with its own root certificates.
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/vitrine --no-create-home vitrine \
    && mkdir -p /var/lib/vitrine/media \
    && chown -R vitrine:vitrine /var/lib/vitrine
COPY --from=build /out/vitrine /opt/vitrine
RUN ln -s /opt/vitrine/vitrine /usr/local/bin/vitrine
ENV DATABASE_URL=sqlite:///var/lib/vitrine/vitrine.db \
    VITRINE_MEDIA_DIR=/var/lib/vitrine/media \
    VITRINE_SITE_ROOT=/opt/vitrine/site \
    VITRINE_BIND=0.0.0.0:3000
VOLUME /var/lib/vitrine
WORKDIR /var/lib/vitrine
USER vitrine:vitrine
EXPOSE 3000
# /healthz answers while the process runs; orchestrators should probe /readyz for traffic
# (docs/DEPLOY.md). No curl in the image: probe from outside, e.g. a compose healthcheck with
# the host's tools or the orchestrator's HTTP probe.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/vitrine/vitrine"]
CMD ["serve"]
