// JSON Schemas (TypeBox) of what people write about the calendar: year files, regional
// amendments and working schedules. The TypeScript types derive from them.
import Type, { type Static } from "typebox";

const MonthDay = Type.String({ pattern: "^\\d{2}-\\d{2}$", description: "MM-DD" });
const Named = Type.Object(
  { date: MonthDay, name: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const YearFileSchema = Type.Object(
  {
    year: Type.Integer({ minimum: 1992, maximum: 2200 }),
    decree: Type.Optional(
      Type.Object(
        {
          title: Type.String({ minLength: 1 }),
          date: Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }),
          number: Type.String({ minLength: 1 }),
        },
        { additionalProperties: false },
      ),
    ),
    confirmation: Type.Optional(Type.String()),
    holidays: Type.Optional(
      Type.Array(Named, { description: "Replaces the Labour Code list for this year." }),
    ),
    transfers: Type.Array(
      Type.Object(
        { from: MonthDay, to: MonthDay, basis: Type.Enum(["decree", "art112", "regional"]) },
        { additionalProperties: false },
      ),
    ),
    workingWeekends: Type.Array(MonthDay),
    shortDays: Type.Array(MonthDay),
    paidNonWorkingDays: Type.Array(
      Type.Object(
        { from: MonthDay, to: MonthDay, basis: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
    ),
    expected: Type.Optional(
      Type.Object(
        {
          workingDays: Type.Integer(),
          daysOff: Type.Integer(),
          hours40: Type.Number(),
          hours36: Type.Optional(Type.Number()),
          hours24: Type.Optional(Type.Number()),
          months: Type.Optional(
            Type.Array(Type.Tuple([Type.Integer(), Type.Number()]), { minItems: 12, maxItems: 12 }),
          ),
          source: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type YearFile = Static<typeof YearFileSchema>;

export const CalendarAmendmentSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: "Whose: «Республика Татарстан»." }),
    basis: Type.String({ minLength: 1, description: "The regional law behind it." }),
    years: Type.Array(
      Type.Object(
        {
          year: Type.Integer({ minimum: 1992, maximum: 2200 }),
          holidays: Type.Optional(Type.Array(Named)),
          transfers: Type.Optional(
            Type.Array(
              Type.Object({ from: MonthDay, to: MonthDay }, { additionalProperties: false }),
            ),
          ),
          workingWeekends: Type.Optional(Type.Array(MonthDay)),
          shortDays: Type.Optional(Type.Array(MonthDay)),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type CalendarAmendment = Static<typeof CalendarAmendmentSchema>;

const WeekdayName = Type.Enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
const Range = Type.String({
  pattern: "^\\d{1,2}:\\d{2}\\s*[-–]\\s*\\d{1,2}:\\d{2}$",
  description: "09:00-18:00",
});
const DayHours = Type.Object(
  { hours: Range, breaks: Type.Optional(Type.Array(Range)) },
  { additionalProperties: false },
);

export const ScheduleSpecSchema = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, description: "IANA time zone" }),
    workingDays: Type.Optional(Type.Array(WeekdayName)),
    hours: Type.Optional(Range),
    breaks: Type.Optional(Type.Array(Range)),
    byWeekday: Type.Optional(
      Type.Object(
        {
          mon: Type.Optional(DayHours),
          tue: Type.Optional(DayHours),
          wed: Type.Optional(DayHours),
          thu: Type.Optional(DayHours),
          fri: Type.Optional(DayHours),
          sat: Type.Optional(DayHours),
          sun: Type.Optional(DayHours),
        },
        { additionalProperties: false },
      ),
    ),
    shortDayMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    paidNonWorkingDaysStopClock: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ScheduleSpec = Static<typeof ScheduleSpecSchema>;
