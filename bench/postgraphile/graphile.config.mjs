// PostGraphile 5 for operation 3 of the benchmark (bench/run.sh copies this file next to its
// node_modules in bench/work/pg5, because ESM resolves `postgraphile/...` from the file's folder).
// The amber preset as a new user gets it, plus what the 4.14.1 command line sets: the schemas
// public and bench (bench/postgraphile/people_under.sql), setof functions never return null
// (4's --no-setof-functions-contain-nulls), and no query log (5 logs none by default).
// Connection, host and port come from the environment, set by bench/run.sh.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.PG5_DATABASE_URL,
      schemas: ["public", "bench"],
    }),
  ],
  schema: { pgForbidSetofFunctionsToReturnNull: true },
  grafserv: {
    host: process.env.PG5_HOST ?? "127.0.0.1",
    port: Number(process.env.PG5_PORT ?? 18071),
    graphiql: false,
  },
};

export default preset;
