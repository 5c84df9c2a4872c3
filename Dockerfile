FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# chromium-headless-shell: the compliance check's accessibility measure (axe in Chromium,
# COMPLIANCE_CHROMIUM), driven by Playwright's node, which needs libatomic1;
# fonts-dejavu-core: Vietnamese on the visible signature stamp (documents/signing.py).
RUN apt-get update && apt-get install -y --no-install-recommends poppler-utils postgresql-client \
        chromium-headless-shell libatomic1 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN python manage.py compile_translations && python manage.py collectstatic --noinput -v0
RUN useradd --system --uid 10001 portal && mkdir -p /app/var/media /app/var/private && chown -R portal /app/var
USER portal
EXPOSE 8000
# The deployed shape (docker-compose.yml's web): gthread workers, one socket each.
CMD ["gunicorn", "portal.wsgi:application", "--bind", "[::]:8000", "--workers", "3", \
     "--worker-class", "gthread", "--threads", "4", "--reuse-port", "--access-logfile", "-"]
