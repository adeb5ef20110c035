#include "core/error.hpp"
#include "modules/sla/business_calendar.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

BusinessCalendar OsloOffice(json::array holidays = {}) {
  json::value hours = json::parse(R"({"tz": "Europe/Oslo", "week": {
      "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
      "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]], "sat": [], "sun": []}})");
  return BusinessCalendar::FromJson(hours, holidays);
}

SysTime At(const char* text) { return *ParseTime(text); }

TEST(BusinessCalendarTest, FridayAfternoonCaseIsDueMondayMorning) {
  // Opened Friday 2026-11-20 16:30 Oslo (15:30Z), 60 business minutes: 30 on Friday,
  // 30 on Monday → Monday 2026-11-23 09:30 Oslo = 08:30Z.
  EXPECT_EQ(FormatTime(OsloOffice().AddMinutes(At("2026-11-20T15:30:00Z"), 60)), "2026-11-23T08:30:00.000Z");
}

TEST(BusinessCalendarTest, OutsideHoursTheClockStartsAtTheNextOpening) {
  auto cal = OsloOffice();
  EXPECT_EQ(FormatTime(cal.AddMinutes(At("2026-11-21T12:00:00Z"), 15)), "2026-11-23T08:15:00.000Z");  // Saturday
  EXPECT_EQ(FormatTime(cal.AddMinutes(At("2026-11-23T06:00:00Z"), 0)), "2026-11-23T06:00:00.000Z");
  EXPECT_EQ(FormatTime(cal.AddMinutes(At("2026-11-23T16:00:00Z"), 60)), "2026-11-24T09:00:00.000Z");
}

TEST(BusinessCalendarTest, HolidaysAreSkipped) {
  auto cal = OsloOffice(json::array{"2026-12-24", "2026-12-25"});
  // Wednesday 23 December 16:00 Oslo, 120 minutes: 60 that day, then Monday 28th.
  EXPECT_EQ(FormatTime(cal.AddMinutes(At("2026-12-23T15:00:00Z"), 120)), "2026-12-28T09:00:00.000Z");
}

TEST(BusinessCalendarTest, DaylightSavingChangesKeepLocalOpeningHours) {
  auto cal = OsloOffice();
  // Friday 27 March 2026 16:30 CET (15:30Z) + 60 → Monday 30 March 09:30 CEST = 07:30Z.
  EXPECT_EQ(FormatTime(cal.AddMinutes(At("2026-03-27T15:30:00Z"), 60)), "2026-03-30T07:30:00.000Z");
  // Friday 23 October 2026 16:30 CEST (14:30Z) + 60 → Monday 26 October 09:30 CET = 08:30Z.
  EXPECT_EQ(FormatTime(cal.AddMinutes(At("2026-10-23T14:30:00Z"), 60)), "2026-10-26T08:30:00.000Z");
}

TEST(BusinessCalendarTest, CountsBusinessMinutesBetweenInstants) {
  auto cal = OsloOffice();
  EXPECT_EQ(cal.MinutesBetween(At("2026-11-20T15:30:00Z"), At("2026-11-23T08:30:00Z")), 60);
  EXPECT_EQ(cal.MinutesBetween(At("2026-11-23T08:00:00Z"), At("2026-11-24T08:00:00Z")), 480);
  EXPECT_EQ(cal.MinutesBetween(At("2026-11-24T08:00:00Z"), At("2026-11-23T08:00:00Z")), 0);
}

TEST(BusinessCalendarTest, SplitShiftsAndAllDayHours) {
  json::value hours = json::parse(R"({"tz": "UTC", "week": {"mon": [["13:00", "17:00"], ["08:00", "12:00"]],
                                                            "sun": [["00:00", "24:00"]]}})");
  auto cal = BusinessCalendar::FromJson(hours, nullptr);
  EXPECT_EQ(FormatTime(cal.AddMinutes(At("2026-11-23T11:30:00Z"), 60)), "2026-11-23T13:30:00.000Z");
  EXPECT_EQ(cal.MinutesBetween(At("2026-11-22T00:00:00Z"), At("2026-11-23T00:00:00Z")), 1440);
}

TEST(BusinessCalendarTest, BadShapesNameTheField) {
  auto fields = [](const char* hours, json::value holidays = nullptr) {
    std::vector<std::string> out;
    try {
      BusinessCalendar::FromJson(json::parse(hours), holidays);
    } catch (const Error& e) {
      for (const auto& f : e.field_errors()) out.push_back(f.field);
    }
    return out;
  };
  EXPECT_EQ(fields(R"({"tz": "Mars/Olympus", "week": {"mon": [["09:00", "17:00"]]}})"),
            std::vector<std::string>{"business_hours.tz"});
  EXPECT_EQ(fields(R"({"tz": "UTC", "week": {"mon": [["17:00", "09:00"]]}})"),
            std::vector<std::string>{"business_hours.week.mon[0]"});
  EXPECT_EQ(fields(R"({"tz": "UTC", "week": {"fun": []}})"),
            (std::vector<std::string>{"business_hours.week.fun"}));
  EXPECT_EQ(fields(R"({"tz": "UTC", "week": {"mon": []}})"), std::vector<std::string>{"business_hours.week"});
  EXPECT_EQ(fields(R"({"tz": "UTC", "week": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}})"),
            std::vector<std::string>{"business_hours.week.mon"});
  EXPECT_EQ(fields(R"({"tz": "UTC", "week": {"mon": [["09:00", "12:00"]]}})", json::array{"2026-02-30"}),
            std::vector<std::string>{"holidays[0]"});
}

}  // namespace
}  // namespace hearth
