import type { ActionFunctionArgs, ServerBuild } from "@remix-run/node";
import { badFormRequest } from "./form-data.server";

/**
 * Every action reads its form with `request.formData()`, which rejects a JSON body or a
 * broken multipart body with a TypeError — a 500 with a stack trace in the log for what
 * is the client's mistake. Instead of a try/catch in each action, the server wraps every
 * route's action once at startup (server.mjs) so that exactly this call — and no other
 * error of the action — turns into a 400 with a Japanese message.
 */
export function withReadableForms(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const action = route.module.action;
    routes[id] = action
      ? { ...route, module: { ...route.module, action: (args: ActionFunctionArgs) => action({ ...args, request: guardFormData(args.request) }) } }
      : route;
  }
  return { ...build, routes };
}

function guardFormData(request: Request): Request {
  const formData = request.formData.bind(request);
  Object.defineProperty(request, "formData", {
    value: () =>
      formData().catch(() => {
        throw badFormRequest();
      }),
  });
  return request;
}
