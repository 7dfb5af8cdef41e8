FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph_api graph_api
COPY schema schema
COPY loaders loaders
COPY cypher cypher
RUN pip install --no-cache-dir -e .
ENV GRAPHIQL=true
EXPOSE 8000
CMD ["sh", "-c", "graph-api load sample && graph-api serve --host 0.0.0.0 --port 8000"]
