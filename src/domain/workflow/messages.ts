// What the workflow says to people: names of actions and statuses, in Russian and English.
import type { Locale } from "../i18n.ts";
import type { CaseStatus } from "./case.ts";
import type { Action, TenantAction } from "./policy.ts";

const ACTION_NAMES: Record<Action | TenantAction, Record<Locale, string>> = {
  triage: { ru: "уточнить тему и важность", en: "triage" },
  assign: { ru: "назначить исполнителя", en: "assign" },
  accept: { ru: "принять в работу", en: "accept" },
  return: { ru: "вернуть как не относящееся к компетенции", en: "return as not competent" },
  saveDraft: { ru: "сохранить проект ответа", en: "save the draft" },
  submitDraft: { ru: "направить проект на согласование", en: "submit the draft" },
  approve: { ru: "согласовать", en: "approve" },
  requestRevision: { ru: "вернуть на доработку", en: "return for revision" },
  handOver: { ru: "передать ответ для размещения", en: "hand over for publication" },
  publish: { ru: "разместить ответ", en: "publish" },
  markNotProcessable: { ru: "признать не подлежащим обработке", en: "mark not processable" },
  markDuplicate: {
    ru: "присоединить к карточке о той же проблеме",
    en: "join the case about the same problem",
  },
  linkRepeat: { ru: "связать с повторным сообщением", en: "link a repeat" },
  setAdditionalControl: {
    ru: "поставить на дополнительный контроль",
    en: "set additional control",
  },
  reportMeasures: { ru: "доложить о принятых мерах", en: "report measures" },
  resolve: { ru: "снять с контроля", en: "resolve" },
  requestPart: { ru: "запросить часть ответа у соисполнителя", en: "request a part" },
  submitPart: { ru: "направить часть ответа", en: "submit a part" },
  designateLead: { ru: "назначить ответственного исполнителя", en: "designate the lead" },
  shortenTerm: { ru: "сократить срок", en: "shorten the term" },
  requestExtension: { ru: "запросить продление срока", en: "request an extension" },
  decideExtension: { ru: "решить о продлении срока", en: "decide on an extension" },
  escalate: { ru: "доложить Главе", en: "escalate" },
  registerCase: { ru: "зарегистрировать сообщение", en: "register a message" },
  manageDepartments: { ru: "изменять подразделения", en: "manage departments" },
  manageUsers: { ru: "изменять пользователей и их роли", en: "manage users and roles" },
  manageAbsences: { ru: "вносить отсутствия и замещения", en: "manage absences" },
  manageAccounts: { ru: "изменять аккаунты в соцсетях", en: "manage network accounts" },
  editRegulation: { ru: "изменять регламент", en: "edit the regulation" },
  loadCalendar: { ru: "загружать производственный календарь", en: "load calendar years" },
  editRubricator: { ru: "изменять классификатор тем", en: "edit the rubricator" },
  editGazetteer: { ru: "изменять справочник мест", en: "edit the gazetteer" },
  viewReports: { ru: "смотреть сводку по администрации", en: "view the tenant's overview" },
};

const STATUS_NAMES: Record<CaseStatus, Record<Locale, string>> = {
  new: { ru: "новое", en: "new" },
  returned: { ru: "возвращено исполнителем", en: "returned" },
  assigned: { ru: "назначено", en: "assigned" },
  inProgress: { ru: "в работе", en: "in progress" },
  onApproval: { ru: "на согласовании", en: "on approval" },
  revision: { ru: "на доработке", en: "revision" },
  approved: { ru: "согласовано", en: "approved" },
  readyToPublish: { ru: "готово к размещению", en: "ready to publish" },
  interim: { ru: "дан промежуточный ответ", en: "interim answer given" },
  rework: { ru: "автор не согласен с ответом", en: "rejected by the author" },
  additionalControl: { ru: "на дополнительном контроле", en: "additional control" },
  answered: { ru: "ответ размещён", en: "answered" },
  notProcessable: { ru: "не подлежит обработке", en: "not processable" },
  duplicate: { ru: "присоединено к другой карточке", en: "joined another case" },
};

/** An action as the case's history lists it: what was done, as a noun. */
const HISTORY: Record<Action, Record<Locale, string>> = {
  triage: { ru: "Уточнение темы и важности", en: "Triage" },
  assign: { ru: "Назначение исполнителя", en: "Assignment" },
  accept: { ru: "Принятие в работу", en: "Accepted for work" },
  return: {
    ru: "Возврат как не относящегося к компетенции",
    en: "Returned as not competent",
  },
  saveDraft: { ru: "Сохранение проекта ответа", en: "Draft saved" },
  submitDraft: { ru: "Направление проекта на согласование", en: "Draft submitted for approval" },
  approve: { ru: "Согласование проекта", en: "Draft approved" },
  requestRevision: { ru: "Возврат на доработку", en: "Returned for revision" },
  handOver: { ru: "Передача ответа для размещения", en: "Handed over for publication" },
  publish: { ru: "Размещение ответа", en: "Answer published" },
  markNotProcessable: { ru: "Признание не подлежащим обработке", en: "Marked not processable" },
  markDuplicate: {
    ru: "Присоединение к карточке о той же проблеме",
    en: "Joined to the case about the same problem",
  },
  linkRepeat: { ru: "Связь с повторным сообщением", en: "Repeat linked" },
  setAdditionalControl: {
    ru: "Постановка на дополнительный контроль",
    en: "Put under additional control",
  },
  reportMeasures: { ru: "Доклад о принятых мерах", en: "Measures reported" },
  resolve: { ru: "Снятие с контроля", en: "Resolved" },
  requestPart: { ru: "Запрос части ответа у соисполнителя", en: "Part requested" },
  submitPart: { ru: "Направление части ответа", en: "Part submitted" },
  designateLead: { ru: "Назначение ответственного исполнителя", en: "Lead designated" },
  shortenTerm: { ru: "Сокращение срока", en: "Term shortened" },
  requestExtension: { ru: "Запрос продления срока", en: "Extension requested" },
  decideExtension: { ru: "Решение о продлении срока", en: "Extension decided" },
  escalate: { ru: "Доклад Главе", en: "Escalated to the head" },
};

export const historyName = (a: Action, locale: Locale): string => HISTORY[a][locale];

/** A notification of an action, said as what happened to the person told. */
const NOTICES: Record<Action | "overdue" | "atRisk", Record<Locale, string>> = {
  // Curators are told of a new message with this kind (register-case.ts).
  triage: {
    ru: "Новое сообщение: определите тему и направьте",
    en: "New message: triage and route it",
  },
  assign: { ru: "Направлено вашему подразделению", en: "Routed to your department" },
  accept: { ru: "Принято в работу", en: "Accepted" },
  return: {
    ru: "Возвращено исполнителем как не относящееся к компетенции",
    en: "Returned by the executor as not competent",
  },
  saveDraft: { ru: "Проект ответа сохранён", en: "Draft saved" },
  submitDraft: { ru: "Проект ответа ждёт согласования", en: "A draft awaits approval" },
  approve: { ru: "Проект согласован: ответ можно размещать", en: "Draft approved: publish it" },
  requestRevision: { ru: "Проект возвращён на доработку", en: "Draft returned for revision" },
  handOver: { ru: "Ответ передан для размещения", en: "Answer handed over for publication" },
  publish: { ru: "Ответ размещён", en: "Answer published" },
  markNotProcessable: { ru: "Признано не подлежащим обработке", en: "Marked not processable" },
  markDuplicate: {
    ru: "Присоединено к карточке о той же проблеме",
    en: "Joined to the case about the same problem",
  },
  linkRepeat: { ru: "Связано с повторным сообщением", en: "A repeat linked" },
  setAdditionalControl: {
    ru: "Поставлено на дополнительный контроль",
    en: "Put under additional control",
  },
  reportMeasures: { ru: "Доложено о принятых мерах", en: "Measures reported" },
  resolve: { ru: "Снято с контроля", en: "Resolved" },
  requestPart: {
    ru: "У вашего подразделения запрошена часть ответа",
    en: "A part of the answer is asked of your department",
  },
  submitPart: { ru: "Соисполнитель направил часть ответа", en: "A co-executor sent a part" },
  designateLead: { ru: "Назначен ответственный исполнитель", en: "Lead executor designated" },
  shortenTerm: { ru: "Срок сокращён", en: "Term shortened" },
  requestExtension: { ru: "Запрошено продление срока", en: "Extension requested" },
  decideExtension: { ru: "Решено о продлении срока", en: "Extension decided" },
  escalate: { ru: "Доложено Главе", en: "Escalated to the head" },
  overdue: { ru: "Срок истёк", en: "Deadline passed" },
  atRisk: { ru: "Срок на исходе", en: "Deadline near" },
};

export const noticeName = (kind: Action | "overdue" | "atRisk", locale: Locale): string =>
  NOTICES[kind][locale];

export const actionName = (a: Action | TenantAction, locale: Locale): string =>
  ACTION_NAMES[a][locale];
export const statusName = (s: CaseStatus, locale: Locale): string => STATUS_NAMES[s][locale];
