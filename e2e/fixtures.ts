import { test as base, expect, type APIRequestContext, type APIResponse, type Response } from "@playwright/test";
import { Contract, type Exchange } from "./openapi";
import { baseURL } from "./playwright.config";

type TestFixtures = {
  /** Console errors and uncaught exceptions of the page; the test fails on any. */
  consoleErrors: string[];
  /** Every API response the test received, checked against the OpenAPI document at its end. */
  apiResponses: Exchange[];
};
type WorkerFixtures = { contract: Contract };

const METHODS: Record<string, string | undefined> = {
  get: "GET",
  post: "POST",
  put: "PUT",
  patch: "PATCH",
  delete: "DELETE",
  head: "HEAD",
  fetch: undefined,
};

/** `request` as the test uses it, recording each response it answers. */
function recording(request: APIRequestContext, log: Exchange[]): APIRequestContext {
  return new Proxy(request, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof prop !== "string" || !(prop in METHODS) || typeof value !== "function") return value;
      return async (url: string, options?: { method?: string }) => {
        const res: APIResponse = await value.call(target, url, options);
        const method = METHODS[prop] ?? options?.method?.toUpperCase() ?? "GET";
        log.push({
          method,
          url: res.url(),
          status: res.status(),
          contentType: res.headers()["content-type"] ?? "",
          body: method === "HEAD" ? undefined : await res.body().catch(() => undefined),
          setCookie: res.headers()["set-cookie"],
          allow: res.headers()["allow"],
        });
        return res;
      };
    },
  });
}

/** The body of a browser response, or undefined when the page no longer has it (it navigated
 * away before the body arrived). */
function bodyOf(res: Response): Promise<Buffer | undefined> {
  const gone = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5_000).unref());
  return Promise.race([res.body().catch(() => undefined), gone]);
}

/**
 * The suite's `test`: `page` fails the test on console errors (`consoleErrors`), and every
 * response of the API that the browser or `request` receives must be one the served
 * `/api/openapi.json` documents (path, method, status, body schema).
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  contract: [
    async ({}, use) => {
      const res = await fetch(`${baseURL}/api/openapi.json`);
      await use(new Contract(await res.json()));
    },
    { scope: "worker" },
  ],
  apiResponses: async ({ contract }, use) => {
    const log: Exchange[] = [];
    await use(log);
    const problems = log.flatMap((exchange) => contract.check(exchange));
    expect(problems, "API responses that /api/openapi.json does not describe").toEqual([]);
  },
  request: async ({ request, apiResponses }, use) => {
    await use(recording(request, apiResponses));
  },
  context: async ({ context, apiResponses, contract }, use) => {
    const pending: Promise<void>[] = [];
    context.on("response", (res) => {
      if (!contract.covers(res.url())) return;
      pending.push(
        (async () => {
          // A response a test fulfils itself (`page.route`) did not come from the Worker.
          if ((await res.serverAddr().catch(() => null)) === null) return;
          const method = res.request().method();
          const headers = await res.allHeaders().catch(() => ({}) as Record<string, string>);
          apiResponses.push({
            method,
            url: res.url(),
            status: res.status(),
            contentType: res.headers()["content-type"] ?? "",
            body: method === "HEAD" ? undefined : await bodyOf(res),
            setCookie: headers["set-cookie"],
            allow: headers["allow"],
          });
        })(),
      );
    });
    await use(context);
    await Promise.all(pending);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(String(err)));
    await use(errors);
    expect(errors, "console errors").toEqual([]);
  },
});
export { expect };
