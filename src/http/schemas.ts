// Schema pieces every route uses: nullable values, instants, ids in the path, problem responses.
import Type, { type TSchema } from "typebox";
import {
  CaseCardSchema,
  CaseListItemSchema,
  type CaseCard,
  type CaseListItem,
} from "../app/case-view.ts";
import { ProblemSchema, type Problem } from "./errors.ts";

/**
 * Schemas many routes share, added to the server once by id: the OpenAPI document names them
 * as components instead of repeating them in every route.
 */
export const SHARED_SCHEMAS = {
  CaseCard: CaseCardSchema,
  CaseListItem: CaseListItemSchema,
  Problem: ProblemSchema,
};
const shared = <T>(id: keyof typeof SHARED_SCHEMAS) => Type.Unsafe<T>(Type.Ref(`${id}#`));
export const CaseCardRef = shared<CaseCard>("CaseCard");
export const CaseListItemRef = shared<CaseListItem>("CaseListItem");
const ProblemRef = shared<Problem>("Problem");

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Instant = Type.String({ format: "date-time" });
export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** Response schemas of a route: its own, plus problem+json for every error status. */
export function responses<R extends Record<number, TSchema>>(ok: R) {
  return { ...ok, "4xx": ProblemRef, "5xx": ProblemRef };
}

export const NoContent = Type.Null({ description: "No content" });
