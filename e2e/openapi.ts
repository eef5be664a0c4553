import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";

/** One response the tests received, as the contract is checked against it. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  contentType: string;
  /** Undefined for HEAD, or when the browser no longer had the body. */
  body?: Buffer;
  /** The `Set-Cookie` header, if any (several cookies on separate lines). */
  setCookie?: string;
  /** The `Allow` header, if any. */
  allow?: string;
}

type Response = { $ref?: string; content?: Record<string, unknown> };
type Operation = { responses: Record<string, Response> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, { in?: string; name?: string }> };
};

const pointer = (...parts: string[]) =>
  "#/" + parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/**
 * The served OpenAPI document as a checker of responses: the path, method and status must be
 * documented and a JSON body must match the status's schema (response objects are closed, so
 * an undocumented field fails). As the document's description says, an unknown path under
 * `/api/` answers 404 and a documented path with a method it does not list answers 405, both in
 * the error shape; the 405 and the 204 answer to `OPTIONS` carry `Allow` with exactly the
 * path's documented methods and `OPTIONS`.
 */
export class Contract {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp }[];

  constructor(private readonly doc: Document) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(doc as object, "openapi.json");
    // Literal paths before templated ones (`/quotes/sma` before `/{id}`).
    this.templates = Object.keys(doc.paths)
      .map((template) => ({
        template,
        pattern: new RegExp("^" + template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+") + "$"),
      }))
      .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  /** Whether a response of this URL is part of the API the document describes. */
  covers(url: string): boolean {
    const path = new URL(url).pathname;
    return path.startsWith("/api/") || this.templates.some((t) => t.pattern.test(path));
  }

  /** What is wrong with one response (empty when it conforms). */
  check(ex: Exchange): string[] {
    const path = new URL(ex.url).pathname;
    const what = `${ex.method} ${path} → ${ex.status}`;
    const found = this.templates.find((t) => t.pattern.test(path));
    if (!found) {
      if (!path.startsWith("/api/")) return [];
      return this.errorShape(ex, 404, "not_found", `${what}: an unknown API path must answer 404 not_found`);
    }
    const documented = Object.keys(this.doc.paths[found.template]).map((m) => m.toUpperCase());
    if (ex.method === "OPTIONS") {
      if (ex.status !== 204) return [`${what}: OPTIONS on a documented path must answer 204`];
      if (ex.body && ex.body.length > 0) return [`${what}: a body where the document has none`];
      return this.allowProblems(what, ex.allow, documented);
    }
    const operation = this.doc.paths[found.template][ex.method.toLowerCase()];
    if (!operation) {
      const problems = this.errorShape(ex, 405, "method_not_allowed", `${what}: a method the path does not list must answer 405`);
      return problems.length > 0 ? problems : this.allowProblems(what, ex.allow, documented);
    }
    const status = String(ex.status);
    let response = operation.responses[status];
    let at = pointer("paths", found.template, ex.method.toLowerCase(), "responses", status);
    if (!response) return [`${what}: status not documented for ${ex.method} ${found.template}`];
    if (typeof response.$ref === "string") {
      at = response.$ref;
      response = this.resolve(at);
    }
    const cookies = this.cookieProblems(what, ex.setCookie);
    if (cookies.length > 0) return cookies;
    const media = ex.contentType.split(";")[0].trim().toLowerCase();
    if (!response.content) {
      return ex.body && ex.body.length > 0 ? [`${what}: a body where the document has none`] : [];
    }
    if (ex.method === "HEAD" || ex.body === undefined) return [];
    if (!(media in response.content)) {
      return [`${what}: content type ${media || "(none)"} is not one of ${Object.keys(response.content).join(", ")}`];
    }
    if (media !== "application/json") return [];
    return this.validate(what, `${at}/content/${media.replace(/\//g, "~1")}/schema`, ex.body);
  }

  /** `Allow` must name exactly the documented methods and `OPTIONS`. */
  private allowProblems(what: string, allow: string | undefined, documented: string[]): string[] {
    if (allow === undefined) return [`${what}: no Allow header`];
    const listed = allow.split(",").map((m) => m.trim().toUpperCase()).filter((m) => m !== "");
    const expected = [...documented, "OPTIONS"];
    const same = listed.length === expected.length && expected.every((m) => listed.includes(m));
    return same ? [] : [`${what}: Allow: ${allow} is not ${expected.join(", ")}`];
  }

  /** The object a local `$ref` (`#/components/...`) points to. */
  private resolve(ref: string): Response {
    return ref
      .slice(2)
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((node: any, key) => node[key], this.doc);
  }

  /** A cookie the API sets must be the one its cookie security scheme names. */
  private cookieProblems(what: string, setCookie: string | undefined): string[] {
    const scheme = Object.values(this.doc.components.securitySchemes ?? {}).find((s) => s.in === "cookie");
    if (!setCookie || !scheme) return [];
    return setCookie
      .split("\n")
      .map((line) => line.split("=")[0].trim())
      .filter((name) => name !== scheme.name)
      .map((name) => `${what}: sets the cookie ${name}, but the document's cookie scheme is ${scheme.name}`);
  }

  private errorShape(ex: Exchange, status: number, code: string, problem: string): string[] {
    if (ex.status !== status) return [problem];
    if (ex.body === undefined) return [];
    const problems = this.validate(`${ex.method} ${new URL(ex.url).pathname} → ${status}`, pointer("components", "schemas", "ErrorBody"), ex.body);
    if (problems.length > 0) return problems;
    const body = JSON.parse(ex.body.toString("utf8"));
    return body.error.code === code ? [] : [`${problem} (code ${body.error.code})`];
  }

  private validate(what: string, at: string, body: Buffer): string[] {
    let value: unknown;
    try {
      value = JSON.parse(body.toString("utf8"));
    } catch {
      return [`${what}: the body is not JSON`];
    }
    let validator = this.validators.get(at);
    if (!validator) {
      validator = this.ajv.compile({ $ref: `openapi.json${at}` });
      this.validators.set(at, validator);
    }
    if (validator(value)) return [];
    const errors = (validator.errors ?? [])
      .map((e) => `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${e.params.additionalProperty})` : ""}`)
      .slice(0, 5);
    return [`${what}: the body does not match its schema: ${errors.join("; ")}`];
  }
}
