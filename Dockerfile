# The API image installs the wheel (not a checkout): Cypher, Lua and the sample graph are package data.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY graph_api graph_api
COPY schema schema
COPY loaders loaders
COPY cypher cypher
RUN pip wheel --no-cache-dir --no-deps -w /wheels .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 graphapi
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER graphapi
WORKDIR /home/graphapi
EXPOSE 8000
CMD ["sh", "-c", "graph-api load sample && graph-api serve --host 0.0.0.0 --port 8000"]
