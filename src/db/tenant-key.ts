// The key of a tenant's cached context (src/app/tenant-context.ts).
import { sql, type Expression } from "kysely";

/**
 * What a tenant's context is built from, as one text: the tenant's revision (raised by the
 * database on every change of its row) and a fingerprint of the calendar years it sees. The
 * session's statement reads it too, so an authenticated request needs no read of its own.
 */
export const tenantKey = (tenantId: Expression<number>) =>
  sql<string | null>`(select t.revision || '/' || (
    select count(*) || ':' || coalesce(max(y.loaded_at)::text, '') || ':' || coalesce(max(y.id), 0)
    from calendar_years y where y.tenant_id is null or y.tenant_id = t.id
  ) from tenants t where t.id = ${tenantId})`;
