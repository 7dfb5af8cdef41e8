# The site's browser assets (Cytoscape.js, GraphiQL, React) from npm, as `make vendor` does.
FROM node:20-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# The API image installs the wheel (not a checkout): Cypher, Lua, the site and the sample graph are package data.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY graph_api graph_api
COPY --from=assets /assets/node_modules/cytoscape/dist/cytoscape.min.js /assets/node_modules/graphiql/graphiql.min.js \
     /assets/node_modules/graphiql/graphiql.min.css /assets/node_modules/react/umd/react.production.min.js \
     /assets/node_modules/react-dom/umd/react-dom.production.min.js graph_api/web/static/vendor/
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
