// Files: upload a photo or a PDF (the body is the file itself, its type in Content-Type, its name
// in X-File-Name), read it back. Photos are stored without their metadata (app/attachments.ts).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Type from "typebox";
import {
  isFileType,
  MAX_ATTACHMENT_BYTES,
  readAttachment,
  storeAttachment,
} from "../../app/attachments.ts";
import { FILE_TYPES } from "../../app/image-metadata.ts";
import { authOf, fail, inTransaction, type App, type HttpEnv } from "../context.ts";
import { responses } from "../schemas.ts";

const AttachmentView = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: Type.Enum(["photo", "document"]),
  url: Type.String({ description: "Where to read the file; put it into a draft's attachments" }),
  name: Type.String(),
  contentType: Type.Enum([...FILE_TYPES]),
  size: Type.Integer({ description: "Bytes, as stored (after the metadata was removed)" }),
  removed: Type.Array(Type.String(), {
    description: "What was taken out of the file: «JPEG APP1 Exif», «PNG tEXt», «Info», «XMP»…",
  }),
});

const AttachmentParams = Type.Object(
  {
    id: Type.String({
      pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
      description: "The file's id (a UUID)",
    }),
  },
  { additionalProperties: false },
);

/** "filename" for old clients (ASCII), "filename*" with the real name (RFC 6266). */
function disposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function attachmentRoutes(app: App, env: HttpEnv): Promise<void> {
  // In a scope of its own: the raw-body parser must not make other routes take files.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: MAX_ATTACHMENT_BYTES },
      (_request, body, done) => done(null, body),
    );

    scope.post(
      "/attachments",
      {
        bodyLimit: MAX_ATTACHMENT_BYTES,
        schema: {
          tags: ["attachments"],
          summary: "Загрузить фото или PDF (до 10 МБ): тело — сам файл, имя — в X-File-Name",
          description:
            "The request body is the file itself (not multipart): Content-Type one of " +
            `${FILE_TYPES.join(", ")}; X-File-Name the name, percent-encoded. The bytes must be of ` +
            "the declared type. Photos are stored without Exif, XMP, IPTC, comments and text " +
            "chunks, and a PDF's information dictionary and XMP streams are overwritten with " +
            "spaces in place, whatever the client did; the answer lists what was removed. Put the answer's " +
            "{kind, url, name} into a draft's attachments.",
          headers: Type.Object({
            "x-file-name": Type.Optional(Type.String({ maxLength: 1000 })),
          }),
          response: responses({ 201: AttachmentView }),
        },
      },
      async (request, reply) => {
        const auth = authOf(request);
        const declared = (request.headers["content-type"] ?? "")
          .split(";")[0]!
          .trim()
          .toLowerCase();
        if (!isFileType(declared) || !(request.body instanceof Buffer))
          return fail(request, reply, {
            ok: false,
            kind: "unsupportedMediaType",
            contentType: declared,
            accepted: FILE_TYPES,
          });
        const body = request.body;
        const name = request.headers["x-file-name"];
        const result = await inTransaction(env.db, (tx) =>
          storeAttachment(
            tx,
            auth.actor,
            {
              contentType: declared,
              bytes: new Uint8Array(body.buffer, body.byteOffset, body.length),
              ...(typeof name === "string" ? { name } : {}),
            },
            env.now(),
          ),
        );
        if (!result.ok) return fail(request, reply, result);
        reply.header("location", result.attachment.url);
        return reply.code(201).send(result.attachment);
      },
    );

    scope.get(
      "/attachments/:id",
      {
        schema: {
          tags: ["attachments"],
          summary: "Файл: фото показывается, PDF скачивается",
          description:
            "A file a case refers to (a draft or a message lists its address) is read by whoever " +
            "may see one of those cases; a file no case refers to yet, by its uploader only. " +
            "Anything else is 404, like another tenant's file, so that ids cannot be probed. " +
            "Photos are answered inline, documents as attachment; nosniff and a sandboxing CSP always.",
          params: AttachmentParams,
          // A Buffer is sent as it is (no serializer); the schema names it for the documentation.
          response: responses({
            200: Type.Unsafe<Buffer>({ type: "string", format: "binary", description: "The file" }),
          }),
        },
      },
      async (request, reply) => {
        const auth = authOf(request);
        const file = await readAttachment(env.db, auth.actor, request.params.id);
        if (!file) return fail(request, reply, { ok: false, kind: "notFound" });
        const inline = file.kind === "photo";
        return reply
          .type(file.content_type)
          .header("content-disposition", disposition(inline ? "inline" : "attachment", file.name))
          .header("content-security-policy", "default-src 'none'; sandbox")
          .header("x-content-type-options", "nosniff")
          .header("content-length", String(file.data.length))
          .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.length));
      },
    );
  });
}
