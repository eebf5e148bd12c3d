// Every way a request can fail, mapped in one place to RFC 9457 problem+json. The switch is
// exhaustive: a new kind of failure does not compile until it has a status and a text here.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { Locale } from "../domain/i18n.ts";
import { describeFieldProblem, type FieldProblem } from "../domain/validation.ts";
import { actionName, statusName } from "../domain/workflow/messages.ts";
import type { Action } from "../domain/workflow/policy.ts";
import type { Failure } from "../app/results.ts";
import { TenantMisconfigured } from "../app/tenant-context.ts";
import { localeOf, reasonText } from "./messages.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Where a refused value was: the body, the query string or the path. */
export type FieldPlace = "body" | "query" | "path" | "header";

/** Failures that only the HTTP edge knows: before any use case runs. */
export type EdgeFailure =
  | { ok: false; kind: "validation"; place: FieldPlace; problems: FieldProblem[] }
  | { ok: false; kind: "malformedJson"; reason: string }
  | { ok: false; kind: "payloadTooLarge"; limitBytes: number }
  | {
      ok: false;
      kind: "unsupportedMediaType";
      contentType: string;
      /** What the route takes instead of JSON (file uploads). */
      accepted?: readonly string[];
    }
  | { ok: false; kind: "badRequest"; reason: string }
  | { ok: false; kind: "unauthenticated" }
  | { ok: false; kind: "badCredentials" }
  | { ok: false; kind: "csrf" }
  | { ok: false; kind: "noTenant" }
  | { ok: false; kind: "throttled"; retryAfterSeconds: number }
  | { ok: false; kind: "routeNotFound"; method: string; url: string }
  | { ok: false; kind: "internal" };

export type HttpFailure = Failure | EdgeFailure;

export const FieldErrorSchema = Type.Object({
  field: Type.String({ description: "Path of the field: «departmentId», «attachments.0.url»" }),
  in: Type.Union([
    Type.Literal("body"),
    Type.Literal("query"),
    Type.Literal("path"),
    Type.Literal("header"),
  ]),
  message: Type.String(),
  code: Type.String({ description: "Machine-readable reason" }),
  line: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.Integer()),
});
export type FieldError = Type.Static<typeof FieldErrorSchema>;

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: "urn:otklik:problem:<kind>" }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String({ description: "The request path" }),
    requestId: Type.String({ description: "Quote it when reporting a problem" }),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    allowedActions: Type.Optional(Type.Array(Type.String())),
    currentVersion: Type.Optional(Type.Integer()),
    retryAfterSeconds: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true, description: "RFC 9457 problem details" },
);
export type Problem = Type.Static<typeof ProblemSchema> & Record<string, unknown>;

/** "attachments.0.url" from the JSON pointer "/attachments/0/url". */
function fieldOf(pointer: string, place: FieldPlace): string {
  if (pointer === "") return place;
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

function fieldErrors(
  f: Extract<EdgeFailure, { kind: "validation" }>,
  locale: Locale,
): FieldError[] {
  return f.problems.map((p) => {
    // The domain's sentence starts with the pointer; the field is named separately here.
    const sentence = describeFieldProblem(p, locale);
    const prefix = `${p.path || "/"}: `;
    return {
      field: fieldOf(p.path, f.place),
      in: f.place,
      message: sentence.startsWith(prefix) ? sentence.slice(prefix.length) : sentence,
      code: p.code,
    };
  });
}

type Parts = {
  status: number;
  title: string;
  detail: string;
  errors?: FieldError[];
  allowedActions?: string[];
  currentVersion?: number;
  retryAfterSeconds?: number;
  caseStatus?: string;
};

function partsOf(f: HttpFailure, locale: Locale): Parts {
  const ru = locale === "ru";
  switch (f.kind) {
    case "validation": {
      const errors = fieldErrors(f, locale);
      const list = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
      return {
        status: 400,
        title: ru ? "Неверные данные запроса" : "Invalid request",
        detail: ru ? `Исправьте поля — ${list}` : `Fix the fields — ${list}`,
        errors,
      };
    }
    case "malformedJson":
      return {
        status: 400,
        title: ru ? "Тело запроса не читается как JSON" : "The body is not valid JSON",
        detail: ru
          ? `Тело запроса (body) должно быть JSON-объектом: ${f.reason}`
          : `The request body must be a JSON object: ${f.reason}`,
        errors: [{ field: "body", in: "body", message: f.reason, code: "malformedJson" }],
      };
    case "payloadTooLarge":
      return {
        status: 413,
        title: ru ? "Слишком большой запрос" : "Request too large",
        detail: ru
          ? `Тело запроса больше ${Math.round(f.limitBytes / 1024)} КБ`
          : `The request body exceeds ${Math.round(f.limitBytes / 1024)} KB`,
        errors: [{ field: "body", in: "body", message: "tooLarge", code: "tooLarge" }],
      };
    case "unsupportedMediaType": {
      if (f.accepted) {
        const list = f.accepted.join(", ");
        const message = ru
          ? `«${f.contentType}» не принимается; допустимы: ${list}`
          : `“${f.contentType}” is not accepted; use one of: ${list}`;
        return {
          status: 415,
          title: ru ? "Такой тип файла не принимается" : "File type not accepted",
          detail: message,
          errors: [{ field: "Content-Type", in: "header", message, code: "unsupportedMediaType" }],
        };
      }
      return {
        status: 415,
        title: ru ? "Нужен JSON" : "JSON required",
        detail: ru
          ? `Сервер принимает только application/json, а не «${f.contentType}»`
          : `Only application/json is accepted, not “${f.contentType}”`,
      };
    }
    case "badRequest":
      return {
        status: 400,
        title: ru ? "Неверный запрос" : "Bad request",
        detail: f.reason,
      };
    case "unauthenticated":
      return {
        status: 401,
        title: ru ? "Нужно войти" : "Sign in required",
        detail: ru
          ? "Сеанс не найден или истёк: войдите снова"
          : "No session or the session expired: sign in again",
      };
    case "badCredentials":
      return {
        status: 401,
        title: ru ? "Неверный логин или пароль" : "Wrong login or password",
        detail: ru ? "Проверьте логин и пароль" : "Check the login and the password",
      };
    case "csrf":
      return {
        status: 403,
        title: ru ? "Запрос без токена CSRF" : "CSRF token missing",
        detail: ru
          ? "Изменяющий запрос должен нести заголовок X-CSRF-Token из /api/v1/auth/me"
          : "A state-changing request must carry the X-CSRF-Token header from /api/v1/auth/me",
        errors: [
          { field: "X-CSRF-Token", in: "header", message: "missing or wrong", code: "csrf" },
        ],
      };
    case "noTenant":
      return {
        status: 403,
        title: ru ? "Нет доступа к администрации" : "No access to the tenant",
        detail: reasonText("noTenant", locale),
      };
    case "throttled":
      return {
        status: 429,
        title: ru ? "Слишком много неудачных попыток входа" : "Too many failed sign-ins",
        detail: ru
          ? `Попробуйте снова через ${Math.ceil(f.retryAfterSeconds / 60)} мин`
          : `Try again in ${Math.ceil(f.retryAfterSeconds / 60)} min`,
        retryAfterSeconds: f.retryAfterSeconds,
      };
    case "routeNotFound":
      return {
        status: 404,
        title: ru ? "Нет такого адреса" : "No such route",
        detail: `${f.method} ${f.url}`,
      };
    case "internal":
      return {
        status: 500,
        title: ru ? "Внутренняя ошибка сервера" : "Internal server error",
        detail: ru
          ? "Сообщите администратору номер запроса (requestId)"
          : "Report the requestId to the administrator",
      };
    case "notFound":
      return {
        status: 404,
        title: ru ? "Не найдено" : "Not found",
        detail: ru
          ? "Нет такой записи или к ней нет доступа"
          : "No such record, or no access to it",
      };
    case "forbidden":
      return {
        status: 403,
        title: ru ? "Недостаточно прав" : "Forbidden",
        detail: ru
          ? `Ваши роли не позволяют: ${actionName(f.action, locale)}`
          : `Your roles do not allow: ${actionName(f.action, locale)}`,
      };
    case "transitionNotAllowed": {
      const allowed = f.allowed.map((a: Action) => actionName(a, locale)).join(", ");
      const none = ru ? "ничего" : "nothing";
      return {
        status: 409,
        title: ru ? "Действие сейчас недоступно" : "Action not allowed now",
        detail: ru
          ? `«${actionName(f.action, locale)}» недоступно в статусе «${statusName(f.status, locale)}». Сейчас можно: ${allowed || none}`
          : `“${actionName(f.action, locale)}” is not allowed in status “${statusName(f.status, locale)}”. Allowed now: ${allowed || none}`,
        allowedActions: f.allowed,
        caseStatus: f.status,
      };
    }
    case "conflict":
      return {
        status: 409,
        title: ru
          ? "Карточку уже изменил другой пользователь: обновите её"
          : "Someone else has changed the case: reload it",
        detail: ru
          ? `Вы видели версию, которая уже устарела; текущая версия — ${f.currentVersion}`
          : `The version you saw is stale; the current version is ${f.currentVersion}`,
        currentVersion: f.currentVersion,
      };
    case "invalidInput": {
      const message = reasonText(f.reason, locale);
      return {
        status: 422,
        title: ru ? "Недопустимое значение" : "Invalid value",
        detail: `${f.field}: ${message}`,
        errors: [{ field: f.field, in: "body", message, code: f.reason.split(":")[0] ?? f.reason }],
      };
    }
    case "invalidDocument": {
      const errors: FieldError[] = f.problems.map((p) => ({
        field: f.field,
        in: "body",
        message: p.message[locale],
        code: p.path || "/",
        ...(p.line !== null ? { line: p.line } : {}),
        ...(p.column !== null ? { column: p.column } : {}),
      }));
      return {
        status: 422,
        title: ru ? "Документ содержит ошибки" : "The document has errors",
        detail: errors
          .slice(0, 5)
          .map((e) => e.message)
          .join("; "),
        errors,
      };
    }
    case "unavailable":
      return {
        status: 503,
        title: ru ? "Сервис временно недоступен" : "Service unavailable",
        detail: reasonText(f.reason, locale),
      };
    default: {
      const unhandled: never = f;
      throw new Error(`no problem mapping for ${JSON.stringify(unhandled)}`);
    }
  }
}

export function problemOf(f: HttpFailure, request: FastifyRequest): Problem {
  const { status, ...rest } = partsOf(f, localeOf(request));
  return {
    type: `urn:otklik:problem:${f.kind}`,
    status,
    ...rest,
    instance: request.url.split("?")[0] ?? request.url,
    requestId: String(request.id),
  };
}

/** Answers a failure as problem+json. */
export function sendFailure(request: FastifyRequest, reply: FastifyReply, f: HttpFailure) {
  const problem = problemOf(f, request);
  if (f.kind === "throttled") reply.header("retry-after", String(f.retryAfterSeconds));
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .serializer((p: unknown) => JSON.stringify(p))
    .send(problem);
}

/** A validation error as the schema validator reports it (see validation.ts). */
interface ValidationItem {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const PLACES: Record<string, FieldPlace> = {
  body: "body",
  querystring: "query",
  params: "path",
  headers: "header",
};

/** Errors thrown inside Fastify (parsing, validation) and bugs, as failures. */
export function failureOfError(error: FastifyError, request: FastifyRequest): HttpFailure {
  if (error.validation) {
    return {
      ok: false,
      kind: "validation",
      place: PLACES[error.validationContext ?? "body"] ?? "body",
      problems: (error.validation as unknown as ValidationItem[]).map((v) => ({
        path: v.instancePath,
        code: v.keyword as FieldProblem["code"],
        params: v.params as FieldProblem["params"],
      })),
    };
  }
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { ok: false, kind: "malformedJson", reason: error.message };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { ok: false, kind: "malformedJson", reason: "empty body" };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      // A route may take more than the server's default (file uploads): its own limit is told.
      return {
        ok: false,
        kind: "payloadTooLarge",
        limitBytes: request.routeOptions.bodyLimit ?? BODY_LIMIT,
      };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        ok: false,
        kind: "unsupportedMediaType",
        contentType: request.headers["content-type"] ?? "",
      };
  }
  // The tenant's stored rules no longer read: nothing works until an admin fixes them.
  if ((error as Error) instanceof TenantMisconfigured)
    return { ok: false, kind: "unavailable", reason: "tenantMisconfigured" };
  if (error instanceof SyntaxError && error.statusCode === 400)
    return { ok: false, kind: "malformedJson", reason: error.message };
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return { ok: false, kind: "badRequest", reason: error.message };
  return { ok: false, kind: "internal" };
}

export const BODY_LIMIT = 1024 * 1024;
