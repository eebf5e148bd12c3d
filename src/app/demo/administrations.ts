// The five seed administrations: their structure, people and accounts, as in real district and
// settlement administrations (names of people are invented).
import type { PresetName } from "../../domain/regulation/presets.ts";
import type { Channel } from "../../domain/regulation/schema.ts";

export type DepartmentKind = "structural" | "territorial" | "settlement";

export interface DemoDepartment {
  /** Short key for logins ("zhkh"). */
  key: string;
  name: string;
  /** The name as it stands after «специалисты …» in answers. */
  genitive: string;
  kind: DepartmentKind;
  topics: string[];
  /** Territorial units and settlement administrations: the settlements they serve. */
  settlements?: string[];
  /** Full names of its executors; the first is the main one. */
  executors: string[];
}

export interface DemoAdministration {
  slug: PresetName;
  name: string;
  /** Where the regulation makes the curator's office approve drafts (000, 001, 003). */
  curatorApproves: boolean;
  curator: string;
  approver: string;
  supervisor: string;
  admin: string;
  departments: DemoDepartment[];
  accounts: { network: Channel; name: string; externalId: string; url: string }[];
  /** Networks the administration's messages come from, with their weights. */
  networks: Partial<Record<Channel, number>>;
}

const utilities = ["housing", "heating", "water", "power", "gas", "waste"];
const outdoors = ["roads", "improvement", "transport", "animals", "ecology"];
// Territorial units take what is done on their streets and squares.
const local = ["roads", "improvement", "waste", "animals", "other"];

export const ADMINISTRATIONS: readonly DemoAdministration[] = [
  {
    slug: "purovsky",
    name: "Администрация Пуровского района",
    curatorApproves: true,
    curator: "Лаптева Ольга Сергеевна",
    approver: "Нестерук Андрей Николаевич",
    supervisor: "Колесников Игорь Владимирович",
    admin: "Абрамов Денис Олегович",
    departments: [
      {
        key: "zhkh",
        name: "Управление жилищно-коммунального хозяйства",
        genitive: "управления ЖКХ",
        kind: "structural",
        topics: utilities,
        executors: ["Сафонова Марина Петровна", "Гайнуллин Руслан Ильдарович"],
      },
      {
        key: "dorogi",
        name: "Управление транспорта, дорожного хозяйства и благоустройства",
        genitive: "управления транспорта, дорожного хозяйства и благоустройства",
        kind: "structural",
        topics: outdoors,
        executors: ["Ерёмин Павел Андреевич"],
      },
      {
        key: "obrazovanie",
        name: "Департамент образования",
        genitive: "департамента образования",
        kind: "structural",
        topics: ["education"],
        executors: ["Хабарова Елена Викторовна"],
      },
      {
        key: "socpolitika",
        name: "Управление социальной политики",
        genitive: "управления социальной политики",
        kind: "structural",
        topics: ["social", "health"],
        executors: ["Мамедова Алина Рашидовна"],
      },
      {
        key: "gochs",
        name: "Отдел по делам гражданской обороны и чрезвычайным ситуациям",
        genitive: "отдела по делам ГО и ЧС",
        kind: "structural",
        topics: ["safety"],
        executors: ["Токарев Виктор Семёнович"],
      },
      {
        key: "urengoy",
        name: "Территориальное управление посёлка Уренгой",
        genitive: "территориального управления посёлка Уренгой",
        kind: "territorial",
        topics: local,
        settlements: ["Уренгой"],
        executors: ["Вануйто Светлана Ивановна"],
      },
      {
        key: "hanymey",
        name: "Территориальное управление посёлка Ханымей",
        genitive: "территориального управления посёлка Ханымей",
        kind: "territorial",
        topics: local,
        settlements: ["Ханымей"],
        executors: ["Бойко Николай Григорьевич"],
      },
      {
        key: "purpe",
        name: "Территориальное управление посёлка Пурпе",
        genitive: "территориального управления посёлка Пурпе",
        kind: "territorial",
        topics: local,
        settlements: ["Пурпе", "Пурпе-1"],
        executors: ["Шарипова Гульнара Маратовна"],
      },
    ],
    accounts: [
      {
        network: "vk",
        name: "Администрация Пуровского района — ВКонтакте",
        externalId: "-210000101",
        url: "https://vk.com/public210000101",
      },
      {
        network: "ok",
        name: "Администрация Пуровского района — Одноклассники",
        externalId: "70000000101",
        url: "https://ok.ru/group/70000000101",
      },
      {
        network: "telegram",
        name: "Пуровский район — официально",
        externalId: "@purovsky_demo",
        url: "https://t.me/purovsky_demo",
      },
    ],
    networks: { vk: 6, ok: 2, telegram: 1, monitoring: 1 },
  },
  {
    slug: "krymsk",
    name: "Администрация муниципального образования Крымский район",
    curatorApproves: true,
    curator: "Гончаренко Ирина Васильевна",
    approver: "Макарченко Сергей Олегович",
    supervisor: "Пелюх Александр Иванович",
    admin: "Чернов Максим Юрьевич",
    departments: [
      {
        key: "zhkh",
        name: "Управление жилищно-коммунального хозяйства",
        genitive: "управления ЖКХ",
        kind: "structural",
        topics: utilities,
        executors: ["Литвиненко Оксана Николаевна", "Саркисян Артур Гагикович"],
      },
      {
        key: "dorogi",
        name: "Отдел благоустройства и дорожного хозяйства",
        genitive: "отдела благоустройства и дорожного хозяйства",
        kind: "structural",
        topics: outdoors,
        executors: ["Кравченко Дмитрий Анатольевич"],
      },
      {
        key: "obrazovanie",
        name: "Управление образования",
        genitive: "управления образования",
        kind: "structural",
        topics: ["education"],
        executors: ["Тимошенко Наталья Геннадьевна"],
      },
      {
        key: "social",
        name: "Отдел по социальным вопросам",
        genitive: "отдела по социальным вопросам",
        kind: "structural",
        topics: ["social", "health"],
        executors: ["Бондаренко Людмила Алексеевна"],
      },
      {
        key: "gochs",
        name: "Отдел по делам гражданской обороны и чрезвычайным ситуациям",
        genitive: "отдела по делам ГО и ЧС",
        kind: "structural",
        topics: ["safety"],
        executors: ["Руденко Евгений Петрович"],
      },
      {
        key: "varenikovskaya",
        name: "Администрация Варениковского сельского поселения",
        genitive: "администрации Варениковского сельского поселения",
        kind: "settlement",
        topics: local,
        settlements: ["Варениковская", "Гладковская"],
        executors: ["Ткаченко Роман Васильевич"],
      },
      {
        key: "nizhnebakanskaya",
        name: "Администрация Нижнебаканского сельского поселения",
        genitive: "администрации Нижнебаканского сельского поселения",
        kind: "settlement",
        topics: local,
        settlements: ["Нижнебаканская", "Неберджаевская"],
        executors: ["Мельник Татьяна Юрьевна"],
      },
      {
        key: "troitskaya",
        name: "Администрация Троицкого сельского поселения",
        genitive: "администрации Троицкого сельского поселения",
        kind: "settlement",
        topics: local,
        settlements: ["Троицкая"],
        executors: ["Шевченко Ольга Борисовна"],
      },
    ],
    accounts: [
      {
        network: "vk",
        name: "Администрация Крымского района — ВКонтакте",
        externalId: "-210000201",
        url: "https://vk.com/public210000201",
      },
      {
        network: "ok",
        name: "Администрация Крымского района — Одноклассники",
        externalId: "70000000201",
        url: "https://ok.ru/group/70000000201",
      },
    ],
    networks: { vk: 5, ok: 3, telegram: 1, monitoring: 1 },
  },
  {
    slug: "bor",
    name: "Администрация Борского сельского поселения Бокситогорского муниципального района Ленинградской области",
    curatorApproves: false,
    curator: "Смирнова Анна Михайловна",
    approver: "Егоров Виталий Николаевич",
    supervisor: "Васильева Галина Петровна",
    admin: "Кузьмин Артём Сергеевич",
    departments: [
      {
        key: "zhkh",
        name: "Сектор жилищно-коммунального хозяйства",
        genitive: "сектора ЖКХ",
        kind: "structural",
        topics: utilities,
        executors: ["Иванова Светлана Александровна", "Фёдоров Алексей Викторович"],
      },
      {
        key: "blagoustroystvo",
        name: "Сектор благоустройства и дорожной деятельности",
        genitive: "сектора благоустройства и дорожной деятельности",
        kind: "structural",
        topics: [...outdoors, "safety", "other"],
        executors: ["Петров Сергей Иванович"],
      },
      {
        key: "social",
        name: "Сектор по социальным вопросам, культуре и спорту",
        genitive: "сектора по социальным вопросам",
        kind: "structural",
        topics: ["social", "health", "education"],
        executors: ["Николаева Ирина Владимировна"],
      },
    ],
    accounts: [
      {
        network: "vk",
        name: "Борское сельское поселение — ВКонтакте",
        externalId: "-210000301",
        url: "https://vk.com/public210000301",
      },
    ],
    networks: { vk: 8, ok: 1, telegram: 1 },
  },
  {
    slug: "lyambir",
    name: "Администрация Лямбирского муниципального района Республики Мордовия",
    curatorApproves: true,
    curator: "Кечкина Татьяна Ивановна",
    approver: "Чушкин Николай Петрович",
    supervisor: "Абдрашитов Ринат Равилевич",
    admin: "Девяткин Олег Васильевич",
    departments: [
      {
        key: "zhkh",
        name: "Управление ЖКХ, строительства и архитектуры",
        genitive: "управления ЖКХ, строительства и архитектуры",
        kind: "structural",
        topics: utilities,
        executors: ["Ведяшкина Елена Александровна", "Юртаев Михаил Сергеевич"],
      },
      {
        key: "dorogi",
        name: "Отдел дорожного хозяйства и благоустройства",
        genitive: "отдела дорожного хозяйства и благоустройства",
        kind: "structural",
        topics: outdoors,
        executors: ["Кирдяшкин Владимир Иванович"],
      },
      {
        key: "obrazovanie",
        name: "Управление образования",
        genitive: "управления образования",
        kind: "structural",
        topics: ["education"],
        executors: ["Мартынова Ольга Николаевна"],
      },
      {
        key: "social",
        name: "Управление по социальной работе",
        genitive: "управления по социальной работе",
        kind: "structural",
        topics: ["social", "health"],
        executors: ["Аитова Гульшат Ринатовна"],
      },
      {
        key: "gochs",
        name: "Отдел по делам гражданской обороны и чрезвычайным ситуациям",
        genitive: "отдела по делам ГО и ЧС",
        kind: "structural",
        topics: ["safety"],
        executors: ["Пиксайкин Андрей Викторович"],
      },
      {
        key: "atemar",
        name: "Администрация Атемарского сельского поселения",
        genitive: "администрации Атемарского сельского поселения",
        kind: "settlement",
        topics: local,
        settlements: ["Атемар", "Саловка"],
        executors: ["Ломшина Наталья Петровна"],
      },
      {
        key: "elhovka",
        name: "Администрация Большеелховского сельского поселения",
        genitive: "администрации Большеелховского сельского поселения",
        kind: "settlement",
        topics: local,
        settlements: ["Большая Елховка", "Берсеневка"],
        executors: ["Тювин Сергей Александрович"],
      },
      {
        key: "aksenovo",
        name: "Администрация Аксёновского сельского поселения",
        genitive: "администрации Аксёновского сельского поселения",
        kind: "settlement",
        topics: local,
        settlements: ["Аксёново", "Татарская Свербейка"],
        executors: ["Бикбаев Ильдар Рафаилович"],
      },
    ],
    accounts: [
      {
        network: "vk",
        name: "Администрация Лямбирского района — ВКонтакте",
        externalId: "-210000401",
        url: "https://vk.com/public210000401",
      },
      {
        network: "ok",
        name: "Администрация Лямбирского района — Одноклассники",
        externalId: "70000000401",
        url: "https://ok.ru/group/70000000401",
      },
    ],
    networks: { vk: 6, ok: 3, monitoring: 1 },
  },
  {
    slug: "sobolevo",
    name: "Администрация Соболевского муниципального района Камчатского края",
    curatorApproves: false,
    curator: "Куркина Наталья Владимировна",
    approver: "Воровский Василий Иванович",
    supervisor: "Борисова Екатерина Андреевна",
    admin: "Захаров Илья Павлович",
    departments: [
      {
        key: "zhkh",
        name: "Отдел ЖКХ, ТЭК, транспорта и связи",
        genitive: "отдела ЖКХ, ТЭК, транспорта и связи",
        kind: "structural",
        topics: [...utilities, "transport"],
        executors: ["Оленева Юлия Сергеевна", "Ким Денис Вячеславович"],
      },
      {
        key: "blagoustroystvo",
        name: "Отдел благоустройства и дорожной деятельности",
        genitive: "отдела благоустройства и дорожной деятельности",
        kind: "structural",
        topics: ["roads", "improvement", "animals", "ecology"],
        executors: ["Пятков Геннадий Олегович"],
      },
      {
        key: "obrazovanie",
        name: "Управление образования и молодёжной политики",
        genitive: "управления образования и молодёжной политики",
        kind: "structural",
        topics: ["education"],
        executors: ["Сычёва Анастасия Игоревна"],
      },
      {
        key: "social",
        name: "Отдел по социальным вопросам",
        genitive: "отдела по социальным вопросам",
        kind: "structural",
        topics: ["social", "health", "other"],
        executors: ["Ходжаева Лилия Камиловна"],
      },
      {
        key: "gochs",
        name: "Отдел по делам гражданской обороны и чрезвычайным ситуациям",
        genitive: "отдела по делам ГО и ЧС",
        kind: "structural",
        topics: ["safety"],
        executors: ["Нечаев Константин Юрьевич"],
      },
      {
        key: "ustevoe",
        name: "Администрация Устьевого сельского поселения",
        genitive: "администрации Устьевого сельского поселения",
        kind: "settlement",
        topics: local,
        settlements: ["Устьевое"],
        executors: ["Чечулина Мария Алексеевна"],
      },
      {
        key: "krutogorovsky",
        name: "Администрация Крутогоровского сельского поселения",
        genitive: "администрации Крутогоровского сельского поселения",
        kind: "settlement",
        topics: local,
        settlements: ["Крутогоровский"],
        executors: ["Лукашевич Роман Игоревич"],
      },
    ],
    accounts: [
      {
        network: "vk",
        name: "Администрация Соболевского района — ВКонтакте",
        externalId: "-210000501",
        url: "https://vk.com/public210000501",
      },
      {
        network: "ok",
        name: "Администрация Соболевского района — Одноклассники",
        externalId: "70000000501",
        url: "https://ok.ru/group/70000000501",
      },
      {
        network: "portal",
        name: "ИАС «Камчатка в порядке»",
        externalId: "sobolevo",
        url: "https://portal.example/kamchatka-v-poryadke",
      },
    ],
    networks: { vk: 5, ok: 4, telegram: 1 },
  },
];
