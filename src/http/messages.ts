// What the HTTP edge says to people: the language of a request and the texts of refused input.
import type { FastifyRequest } from "fastify";
import type { Locale } from "../domain/i18n.ts";

/** Russian first: English only when the client prefers it. */
export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers["accept-language"];
  const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim().toLowerCase();
  return first?.startsWith("en") ? "en" : "ru";
}

type Text = Record<Locale, string | ((param: string) => string)>;

/** Why a value was refused, by the reason codes of the domain and the use cases. */
const REASONS: Record<string, Text> = {
  required: { ru: "нужно заполнить", en: "is required" },
  tooLong: { ru: "слишком длинный текст", en: "is too long" },
  badFormat: { ru: "неверный формат", en: "has a bad format" },
  taken: { ru: "уже занято", en: "is already taken" },
  tooShort: {
    ru: "слишком короткий (не меньше 10 символов)",
    en: "is too short (10 characters at least)",
  },
  noSuchDepartment: {
    ru: "нет такого действующего подразделения",
    en: "no such active department",
  },
  noSuchUser: { ru: "нет такого пользователя в администрации", en: "no such user in the tenant" },
  noSuchAccount: { ru: "нет такого аккаунта", en: "no such account" },
  noSuchCase: { ru: "нет такой карточки", en: "no such case" },
  noSuchFile: {
    ru: "нет такого файла или к нему нет доступа",
    en: "no such file, or it is not yours to attach",
  },
  noSuchMembership: { ru: "нет такой роли у пользователя", en: "no such membership" },
  notAnExecutorOfDepartment: {
    ru: "этот пользователь не исполнитель указанного подразделения",
    en: "this user is not an executor of the department",
  },
  noOneAtWork: {
    ru: "исполнитель отсутствует, а замещающего на работе нет",
    en: "the executor is away and no substitute is at work",
  },
  webLinkRequired: {
    ru: "нужна ссылка на размещённый ответ (https://…)",
    en: "a web link to the published answer is required",
  },
  inFuture: { ru: "момент ещё не наступил", en: "is in the future" },
  afterDetection: { ru: "позже момента выявления", en: "is after the detection" },
  alreadyRegistered: {
    ru: (id) => `сообщение уже зарегистрировано (карточка ${id})`,
    en: (id) => `the message is already registered (case ${id})`,
  },
  notInRegulation: { ru: "регламент этого не предусматривает", en: "not in the regulation" },
  noProcedure: {
    ru: "регламент не описывает порядок для этого канала",
    en: "the regulation has no procedure for this channel",
  },
  interimNotAllowed: {
    ru: "регламент не предусматривает промежуточный ответ",
    en: "the regulation has no interim answers",
  },
  sameCase: { ru: "это та же карточка", en: "is the same case" },
  noExtensions: {
    ru: "регламент не предусматривает продление",
    en: "no extensions in the regulation",
  },
  extensionsUsedUp: { ru: "продление уже использовано", en: "the extension is used up" },
  overMaximum: { ru: "больше, чем позволяет регламент", en: "more than the regulation allows" },
  positiveWholeNumber: { ru: "нужно целое число больше нуля", en: "a positive whole number" },
  alreadyCoExecutor: { ru: "подразделение уже соисполнитель", en: "already a co-executor" },
  noPartRequested: {
    ru: "у этого подразделения часть ответа не запрашивалась",
    en: "no part was requested from this department",
  },
  notACoExecutor: { ru: "подразделение не соисполнитель", en: "not a co-executor" },
  sameDepartment: { ru: "это подразделение исполнителя", en: "is the executor's department" },
  notShortenable: {
    ru: "регламент не позволяет сокращать этот срок",
    en: "the regulation does not allow shortening this term",
  },
  unreadable: {
    ru: "непонятный срок; примеры: 30m, 2h, 1 working day",
    en: "unreadable term; e.g. 30m, 2h, 1 working day",
  },
  notShorter: { ru: "не короче срока по регламенту", en: "is not shorter than the regulation's" },
  belowMinimum: { ru: "короче допустимого минимума", en: "is below the minimum" },
  unknownPreset: { ru: "нет такого шаблона регламента", en: "no such preset" },
  duplicateTopic: {
    ru: (code) => `код темы «${code}» повторяется`,
    en: (code) => `topic code “${code}” is used twice`,
  },
  proceduresInUse: {
    ru: (ids) => `в новом регламенте нет порядков открытых карточек: ${ids}`,
    en: (ids) => `the new regulation lacks procedures of open cases: ${ids}`,
  },
  endsBeforeStart: { ru: "окончание раньше начала", en: "ends before it starts" },
  selfSubstitute: { ru: "нельзя замещать самого себя", en: "cannot substitute oneself" },
  tenantMisconfigured: {
    ru: "регламент или график администрации не читается: администратору нужно их исправить",
    en: "the tenant's regulation or schedule does not read: an admin must fix them",
  },
  database: { ru: "база данных не отвечает", en: "the database does not answer" },
  fileTooLarge: { ru: "файл больше 10 МБ", en: "the file is larger than 10 MB" },
  contentNotOfType: {
    ru: (type) => `содержимое файла не соответствует заявленному типу ${type}`,
    en: (type) => `the file's content is not the declared ${type}`,
  },
  unreadableFile: {
    ru: (why) => `файл повреждён или не читается (${why})`,
    en: (why) => `the file is damaged or does not read (${why})`,
  },
  noSuchAttachment: {
    ru: "нет такого загруженного файла",
    en: "no such uploaded file",
  },
  notInRubricator: {
    ru: (code) => `темы «${code}» нет в классификаторе`,
    en: (code) => `topic “${code}” is not in the rubricator`,
  },
  noSuggestion: {
    ru: "подсказки «не подлежит обработке» нет",
    en: "there is no not-processable suggestion",
  },
  noSuchSettlement: {
    ru: (name) => `населённого пункта «${name}» нет в справочнике`,
    en: (name) => `settlement “${name}” is not in the gazetteer`,
  },
  duplicateName: {
    ru: (name) => `«${name}» повторяется`,
    en: (name) => `“${name}” is used twice`,
  },
  decidedAlone: {
    ru: "решение о «не подлежит обработке» принимается отдельно от темы, места и важности",
    en: "the not-processable decision is taken on its own, without topic, location or importance",
  },
  spellingUnavailable: {
    ru: "проверка орфографии недоступна",
    en: "the spelling check is unavailable",
  },
  noTenant: {
    ru: "у пользователя нет ролей в этой администрации",
    en: "the user has no roles in this tenant",
  },
};

/** "departmentId: нет такого действующего подразделения". Unknown codes are shown as they are. */
export function reasonText(reason: string, locale: Locale): string {
  const at = reason.indexOf(":");
  const code = at < 0 ? reason : reason.slice(0, at);
  const param = at < 0 ? "" : reason.slice(at + 1);
  const text = REASONS[code]?.[locale];
  if (text === undefined) return reason;
  return typeof text === "function" ? text(param) : text;
}
