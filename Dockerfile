# The site's browser assets (Cytoscape.js, GraphiQL, React) from npm, as `make vendor` does.
FROM node:20-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph_api graph_api
COPY --from=assets /assets/node_modules/cytoscape/dist/cytoscape.min.js /assets/node_modules/graphiql/graphiql.min.js \
     /assets/node_modules/graphiql/graphiql.min.css /assets/node_modules/react/umd/react.production.min.js \
     /assets/node_modules/react-dom/umd/react-dom.production.min.js graph_api/web/static/vendor/
COPY schema schema
COPY loaders loaders
COPY cypher cypher
RUN pip install --no-cache-dir -e .
ENV GRAPHIQL=true
EXPOSE 8000
CMD ["sh", "-c", "graph-api load sample && graph-api serve --host 0.0.0.0 --port 8000"]
