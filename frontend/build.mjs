// Compiles ECM's Sass and copies GOV.UK / MoJ Frontend assets into build/static,
// which Django serves as a static files directory. Nothing here is committed.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "build/static";
mkdirSync(`${out}/css`, { recursive: true });
const result = sass.compile("frontend/application.scss", {
  loadPaths: ["."],
  style: "compressed",
  quietDeps: true,
  logger: sass.Logger.silent,
});
writeFileSync(`${out}/css/application.css`, result.css);
cpSync("node_modules/govuk-frontend/dist/govuk/assets/images", `${out}/govuk/assets/images`, { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/govuk/govuk-frontend.min.js`);
cpSync("node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js", `${out}/moj/moj-frontend.min.js`);
cpSync("node_modules/@ministryofjustice/frontend/moj/assets/images", `${out}/govuk/assets/images`, { recursive: true });
console.log(`built ${out}/css/application.css (${result.css.length} bytes)`);
