using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using ServiceHall.Grains.Calendar;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Key-project coordination end to end over HTTP: the coordinator chosen by rule, a routing plan of two parallel
/// departments then one in turn, a correction in one branch while the other finishes, a reassignment mid-way, the
/// clock held and resumed on the test clock, feedback reaching the applicant's tracker live, and district scoping.
/// </summary>
[Collection(CoordinationApiCollection.Name)]
public sealed class CoordinationScenarios(CoordinationSiloFixture silo) : IAsyncDisposable
{
    private const string Item = "GZ-GHZY-001";
    private static readonly string[] TianheCoordinators = ["coordinator", "coordinator3"];

    // The silo's calendar as configured by default (weekends off, no holidays): the one its due dates use.
    private static readonly WorkingCalendar Calendar = new(new CalendarOptions());

    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private readonly CaseChangeListeners _live = new(silo.BaseUrl);

    public async ValueTask DisposeAsync()
    {
        await _live.DisposeAsync();

        _walker.Dispose();
    }

    [Fact]
    public async Task TwoParallelDepartmentsThenOneInTurnWithACorrectionInOneBranchAndAReassignment()
    {
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var due = Now(await _walker.GetAsync(id)).AddDays(10);
        var routed = await _walker.ActAsync(id, coordinator, "route", new
        {
            groups = new object[]
            {
                new { parallel = true, steps = new[] { Step("market-regulation", "reviewer", due), Step("emergency-management", "reviewer2", due) } },
                new { parallel = false, steps = new[] { Step("natural-resources-planning", "reviewer3", due.AddDays(5)) } },
            },
        });
        Assert.Equal(["open", "open", "waiting"], States(routed));
        Assert.Equal(due, DateTimeOffset.Parse(PlanStep(routed, "g0s0")["dueAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));

        // Market regulation sends its part back; emergency management carries on and finishes meanwhile.
        await _walker.ActAsync(id, "reviewer", "request-correction", new { deficiencies = new[] { new { problem = "选址报告缺少盖章" } } });
        var oneBranchWaiting = await _walker.GetAsync(id);
        Assert.Equal("back-office-review", oneBranchWaiting["stage"]!.GetValue<string>());
        Assert.Equal(["correction", "open", "waiting"], States(oneBranchWaiting));
        await _walker.ActAsync(id, "reviewer2", "approve", new { opinion = "同意" });
        var awaiting = await _walker.GetAsync(id);
        Assert.Equal("awaiting-correction", awaiting["stage"]!.GetValue<string>());
        Assert.Equal(["correction", "approved", "waiting"], States(awaiting));

        // Mid-way the coordinator gives market regulation's part to another reviewer of that department.
        var reassigned = await _walker.ActAsync(id, coordinator, "reassign", new { part = "g0s0", reviewer = "reviewer-b" });
        Assert.Equal("reviewer-b", PlanStep(reassigned, "g0s0")["reviewer"]!.GetValue<string>());
        Assert.Contains(reassigned["journal"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "reassign" && e["actor"]!.GetValue<string>() == coordinator);

        // After the resubmission only the department that asked looks again; the earlier approval stands.
        var resubmitted = await _walker.ResubmitAsync(awaiting, clerk: "clerk");
        Assert.Equal(["open", "approved", "waiting"], States(resubmitted));
        var refused = await (await _walker.AsAsync("reviewer")).PostAsync($"/api/cases/{id}/actions/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        await _walker.ActAsync(id, "reviewer-b", "approve", new { opinion = "补正后同意" });

        // The parallel group has joined; the sequential group's one department now reviews.
        var second = await _walker.GetAsync(id);
        Assert.Equal(["approved", "approved", "open"], States(second));
        Assert.Equal("reviewer3", PlanStep(second, "g1s0")["reviewer"]!.GetValue<string>());
        var done = await _walker.ActAsync(id, "reviewer3", "approve", new { opinion = "同意" });
        Assert.Equal("certificate", done["stage"]!.GetValue<string>());
        Assert.Equal(["approved", "approved", "approved"], States(done));

        // The applicant's tracker follows the plan but not who reviews nor the internal reassignment.
        var tracked = await _walker.Anonymous.GetAsync($"/api/track/{done["trackingCode"]!.GetValue<string>()}");
        Assert.Equal(3, tracked.Json["coordination"]!["steps"]!.AsArray().Count);
        Assert.All(tracked.Json["coordination"]!["steps"]!.AsArray(), s => Assert.Null(s!["reviewer"]));
        Assert.DoesNotContain(tracked.Json["journal"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "reassign");
    }

    [Fact]
    public async Task HoldingTheClockShiftsEveryDueDateByExactlyThePausedWorkingTime()
    {
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var stepDue = Now(await _walker.GetAsync(id)).AddDays(3);
        await _walker.ActAsync(id, coordinator, "route", new
        {
            groups = new[] { new { parallel = true, steps = new[] { Step("market-regulation", null, stepDue) } } },
        });
        var before = await _walker.GetAsync(id);
        var caseDue = DueAt(before);

        var held = await _walker.ActAsync(id, coordinator, "pause-clock", new { reason = "等待市政府专题会议纪要" });
        Assert.True(held["sla"]!["paused"]!.GetValue<bool>());
        Assert.Equal("等待市政府专题会议纪要", held["coordination"]!["clockHeldReason"]!.GetValue<string>());
        var pausedAt = Now(held);

        // Over the weekend and into Monday: 3 days 2 hours on the wall, far less of it working time.
        await AdvanceClockAsync(TimeSpan.FromDays(3) + TimeSpan.FromHours(2));

        // Staff tokens live an hour on the same clock: after the weekend everyone signs in again.
        using var monday = new CaseWalker(silo.BaseUrl);
        var resumed = await monday.ActAsync(id, coordinator, "resume-clock", new { });
        var resumedAt = Now(resumed);
        var paused = Calendar.WorkingTimeBetween(pausedAt, resumedAt);
        Assert.True(paused > TimeSpan.Zero && paused < resumedAt - pausedAt, $"paused working time {paused} of {resumedAt - pausedAt}");

        Assert.False(resumed["sla"]!["paused"]!.GetValue<bool>());
        Assert.Equal(Calendar.AddWorkingTime(caseDue, paused), DueAt(resumed));
        var shiftedStep = DateTimeOffset.Parse(PlanStep(resumed, "g0s0")["dueAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal(Calendar.AddWorkingTime(stepDue, paused), shiftedStep);
        Assert.Contains(resumed["sla"]!["pausedFor"]!.AsArray(), p => p!["reason"]!.GetValue<string>() == "coordinator"
            && DateTimeOffset.Parse(p["from"]!.GetValue<string>(), CultureInfo.InvariantCulture) == pausedAt);

        // Resuming twice is refused.
        var again = await (await monday.AsAsync(coordinator)).PostAsync($"/api/cases/{id}/actions/resume-clock", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        // Past its shifted target date the open step is marked overdue for the console.
        Assert.False(PlanStep(resumed, "g0s0")["overdue"]!.GetValue<bool>());
        await AdvanceClockAsync(shiftedStep - resumedAt + TimeSpan.FromHours(1), monday);
        using var later = new CaseWalker(silo.BaseUrl);
        Assert.True(PlanStep(await later.GetAsync(id), "g0s0")["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task FeedbackReachesATrackerSubscriberLiveAndGoesOutBySms()
    {
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var stepDue = Now(await _walker.GetAsync(id)).AddDays(3);
        await _walker.ActAsync(id, coordinator, "route", new
        {
            groups = new[] { new { parallel = true, steps = new[] { Step("market-regulation", "reviewer-b", stepDue) } } },
        });

        // Another department with a named reviewer: the journal line says who; the applicant must not read it.
        var added = await _walker.ActAsync(id, coordinator, "add-department", new { department = "natural-resources-planning", reviewer = "reviewer3" });
        Assert.Contains(added["journal"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "add-department"
            && e["kind"]!.GetValue<string>() == "plan-changed" && e["args"]!["reviewer"]!.GetValue<string>() == "reviewer3");
        var view = await _walker.GetAsync(id);
        var code = view["trackingCode"]!.GetValue<string>();
        var (tracker, heard) = await ConnectAsync(null);
        var version = await tracker.InvokeAsync<long>("WatchCase", code);

        var client = await _walker.AsAsync(coordinator);
        var message = "已协调规划、环保部门于下周三召开联合审查会";
        var sent = await client.PostAsync($"/api/cases/{id}/actions/feedback", new { message }, idempotencyKey: $"fb-{id}");
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var retried = await client.PostAsync($"/api/cases/{id}/actions/feedback", new { message }, idempotencyKey: $"fb-{id}");
        Assert.Equal(sent.Json["version"]!.GetValue<long>(), retried.Json["version"]!.GetValue<long>());

        var change = await WaitForAsync(heard, id, version + 1);
        Assert.Equal(version + 1, change.GetProperty("version").GetInt64());
        var tracked = await _walker.Anonymous.GetAsync($"/api/track/{code}");
        var feedback = Assert.Single(tracked.Json["coordination"]!["feedback"]!.AsArray());
        Assert.Equal(message, feedback!["message"]!.GetValue<string>());
        Assert.Null(tracked.Json["coordination"]!["coordinator"]);

        // No staff username anywhere in the applicant's view (roles such as "coordinator" may appear as roles).
        var trackedText = tracked.Json.ToJsonString();
        foreach (var username in new[] { "reviewer-b", "reviewer3", "coordinator3" })
        {
            Assert.DoesNotContain(username, trackedText, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(tracked.Json["journal"]!.AsArray(), e => e!["args"]!.ToJsonString().Contains(coordinator, StringComparison.Ordinal));

        var messages = await _walker.MessagesOfAsync(id);
        var sms = Assert.Single(messages, m => m["template"]!.GetValue<string>() == "coordinator-feedback");
        Assert.Equal("13800138000", sms["to"]!.GetValue<string>());
        Assert.Contains(message, sms["text"]!.GetValue<string>());

        var empty = await client.PostAsync($"/api/cases/{id}/actions/feedback", new { message = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("message", empty.Field);
    }

    /// <summary>Issue 22 item 1: a department typed by its display name made a step nobody could act on.</summary>
    [Fact]
    public async Task AnUnknownDepartmentOrReviewerInAPlanIsRefusedWith422NamingTheFieldAndTheCaseIsUnchanged()
    {
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var client = await _walker.AsAsync(coordinator);
        var before = (await _walker.GetAsync(id))["version"]!.GetValue<long>();

        var typedName = await client.PostAsync($"/api/cases/{id}/actions/route", new
        {
            groups = new[] { new { parallel = true, steps = new object[] { new { department = "market-regulation" }, new { department = "广州市市场监督管理局" } } } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typedName.Status);
        Assert.Equal("groups[0].steps[1].department", typedName.Field);
        Assert.Equal("department.unknown", typedName.Json["code"]!.GetValue<string>());

        var wrongReviewer = await client.PostAsync($"/api/cases/{id}/actions/route", new
        {
            groups = new[] { new { parallel = true, steps = new[] { new { department = "market-regulation", reviewer = "reviewer2" } } } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongReviewer.Status);
        Assert.Equal("groups[0].steps[0].reviewer", wrongReviewer.Field);
        Assert.Equal("reviewer.otherDepartment", wrongReviewer.Json["code"]!.GetValue<string>());

        Assert.Equal(before, (await _walker.GetAsync(id))["version"]!.GetValue<long>());

        // The rule is the case's own (its steering actions ask the directory), so steering a routed plan is held to it too.
        await _walker.ActAsync(id, coordinator, "route", new { groups = new[] { new { parallel = true, steps = new[] { new { department = "market-regulation" } } } } });
        var routed = (await _walker.GetAsync(id))["version"]!.GetValue<long>();
        var addedByName = await client.PostAsync($"/api/cases/{id}/actions/add-department", new { department = "广州市自然资源局" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, addedByName.Status);
        Assert.Equal("department", addedByName.Field);
        Assert.Equal("department.unknown", addedByName.Json["code"]!.GetValue<string>());
        var reassignedToNobody = await client.PostAsync($"/api/cases/{id}/actions/reassign", new { part = "g0s0", reviewer = "nobody" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reassignedToNobody.Status);
        Assert.Equal("reviewer", reassignedToNobody.Field);
        Assert.Equal("reviewer.unknown", reassignedToNobody.Json["code"]!.GetValue<string>());
        Assert.Equal(routed, (await _walker.GetAsync(id))["version"]!.GetValue<long>());
    }

    /// <summary>Issue 22 item 2: a plan with three different mistakes is answered with all three at once, each on its field.</summary>
    [Fact]
    public async Task APlanWithThreeDifferentMistakesGetsEveryErrorOnItsFieldAtOnceInTheReadersLanguageAndChangesNothing()
    {
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var beforeView = await _walker.GetAsync(id);
        var before = beforeView["version"]!.GetValue<long>();
        var plan = new
        {
            groups = new object[]
            {
                new { parallel = true, steps = new object[] { new { department = "广州市市场监督管理局" }, new { department = "market-regulation", reviewer = "reviewer2" } } },
                new { parallel = false, steps = Array.Empty<object>() },
            },
        };
        string[] fields = ["groups[0].steps[0].department", "groups[0].steps[1].reviewer", "groups[1].steps"];

        var zh = await (await _walker.AsAsync(coordinator)).PostAsync($"/api/cases/{id}/actions/route", plan);
        Assert.Equal(HttpStatusCode.BadRequest, zh.Status);
        var issues = zh.Json["issues"]!.AsArray();
        Assert.Equal(fields, issues.Select(i => i!["field"]!.GetValue<string>()));
        Assert.Equal(["department.unknown", "reviewer.otherDepartment", "field.atLeastOne"], issues.Select(i => i!["code"]!.GetValue<string>()));
        Assert.Equal(fields, zh.Json["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("“广州市市场监督管理局”不是名录中的部门", zh.Json["errors"]!["groups[0].steps[0].department"]![0]!.GetValue<string>());
        Assert.Equal("该审查人员不属于所选部门。", zh.Json["errors"]!["groups[0].steps[1].reviewer"]![0]!.GetValue<string>());

        using var english = (await new ApiClient(silo.BaseUrl).SignInAsync(coordinator)).Speaking("en");
        var en = await english.PostAsync($"/api/cases/{id}/actions/route", plan);
        Assert.Equal(HttpStatusCode.BadRequest, en.Status);
        Assert.Equal(fields, en.Json["issues"]!.AsArray().Select(i => i!["field"]!.GetValue<string>()));
        Assert.Contains("not a department in the directory", en.Json["errors"]!["groups[0].steps[0].department"]![0]!.GetValue<string>());
        Assert.Contains("does not review for the chosen department", en.Json["errors"]!["groups[0].steps[1].reviewer"]![0]!.GetValue<string>());
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", en.Json["errors"]!["groups[1].steps"]![0]!.GetValue<string>());

        var after = await _walker.GetAsync(id);
        Assert.Equal(before, after["version"]!.GetValue<long>());
        Assert.Equal(beforeView["stage"]!.GetValue<string>(), after["stage"]!.GetValue<string>());
        Assert.Equal(beforeView["journal"]!.AsArray().Count, after["journal"]!.AsArray().Count);
    }

    /// <summary>Reassigning names every mistake at once too: no such plan part and a department outside the directory.</summary>
    [Fact]
    public async Task AReassignmentWithTwoMistakesGetsBothErrorsAtOnce()
    {
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        await _walker.ActAsync(id, coordinator, "route", new { groups = new[] { new { parallel = true, steps = new[] { new { department = "market-regulation" } } } } });
        var routed = (await _walker.GetAsync(id))["version"]!.GetValue<long>();

        using var english = (await new ApiClient(silo.BaseUrl).SignInAsync(coordinator)).Speaking("en");
        var refused = await english.PostAsync($"/api/cases/{id}/actions/reassign", new { part = "g7s0", department = "广州市自然资源局", dueAt = "next week" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["department", "dueAt", "part"], refused.Json["issues"]!.AsArray().Select(i => i!["field"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("reassign.unknownPart", refused.Json["issues"]!.AsArray().Single(i => i!["field"]!.GetValue<string>() == "part")!["code"]!.GetValue<string>());
        Assert.Contains("g7s0", refused.Json["errors"]!["part"]![0]!.GetValue<string>());
        Assert.Equal(routed, (await _walker.GetAsync(id))["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task ACoordinatorOfAnotherDistrictIsRefused()
    {
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var outsider = await _walker.AsAsync("coordinator2");

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/cases/{id}")).Status);
        var route = await outsider.PostAsync($"/api/cases/{id}/actions/route",
            new { groups = new[] { new { parallel = true, steps = new[] { new { department = "market-regulation" } } } } });
        Assert.Equal(HttpStatusCode.Forbidden, route.Status);
        foreach (var (action, body) in new (string, object)[] { ("feedback", new { message = "x" }), ("escalate", new { reason = "x" }), ("pause-clock", new { reason = "x" }) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"/api/cases/{id}/actions/{action}", body)).Status);
        }

        var projects = await outsider.GetAsync("/api/coordinator/projects");
        Assert.DoesNotContain(projects.Json["items"]!.AsArray(), p => p!["id"]!.GetValue<string>() == id);
        var mine = await (await _walker.AsAsync(coordinator)).GetAsync("/api/coordinator/projects");
        Assert.Contains(mine.Json["items"]!.AsArray(), p => p!["id"]!.GetValue<string>() == id);

        // Nothing the outsider tried changed the case.
        var view = await _walker.GetAsync(id);
        Assert.Equal(2, view["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task TheConsolesMineFragmentRendersOnlyTheAssignedCoordinatorsProject()
    {
        // The console hears district colleagues' projects on its board; "mine" keeps them (and a project reassigned
        // away) off it, while the plain fragment still renders any project the coordinator may read.
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var colleague = await _walker.AsAsync(TianheCoordinators.Single(c => c != coordinator));
        var own = await _walker.AsAsync(coordinator);

        Assert.Equal(HttpStatusCode.OK, (await own.DownloadAsync($"/coordinator/projects/{id}?mine=true")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.DownloadAsync($"/coordinator/projects/{id}?mine=true")).Status);
        Assert.Equal(HttpStatusCode.OK, (await colleague.DownloadAsync($"/coordinator/projects/{id}")).Status);
    }

    [Fact]
    public async Task TheLeastLoadedCoordinatorIsChosenAndAnAdminCanOverrideAndEscalationNotifiesTheManager()
    {
        var admin = await _walker.AsAsync("admin");
        var load = (await admin.GetAsync("/api/coordinator/load")).Json.AsObject();
        int Load(string user) => load[user]?.GetValue<int>() ?? 0;
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        Assert.Equal(TianheCoordinators.Min(Load), Load(coordinator));

        Assert.Equal(HttpStatusCode.Forbidden, (await (await _walker.AsAsync(coordinator)).PutAsync($"/api/cases/{id}/coordinator", new { coordinator = "coordinator2" })).Status);
        var unknown = await admin.PutAsync($"/api/cases/{id}/coordinator", new { coordinator = "reviewer" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.Status);
        Assert.Equal("coordinator", unknown.Field);
        var moved = await admin.PutAsync($"/api/cases/{id}/coordinator", new { coordinator = "coordinator2" });
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Equal("coordinator2", moved.Json["coordination"]!["coordinator"]!.GetValue<string>());
        var loadAfter = (await admin.GetAsync("/api/coordinator/load")).Json.AsObject();
        Assert.Equal(Load("coordinator2") + 1, loadAfter["coordinator2"]!.GetValue<int>());

        // The load moved: the first coordinator carries what it carried before this project.
        Assert.Equal(Load(coordinator), loadAfter[coordinator]?.GetValue<int>() ?? 0);

        // The new coordinator steers: escalation raises the priority and tells the hall's manager.
        var escalated = await _walker.ActAsync(id, "coordinator2", "escalate", new { reason = "涉及省重点项目，需加快" });
        Assert.Equal(1, escalated["coordination"]!["priority"]!.GetValue<int>());
        Assert.Contains(await _walker.MessagesOfAsync(id), m => m["template"]!.GetValue<string>() == "escalated"
            && m["to"]!.GetValue<string>() == "staff:manager@gz");

        // Closing waits until the department review is over.
        var early = await (await _walker.AsAsync("coordinator2")).PostAsync($"/api/cases/{id}/actions/close", new { summary = "办结" });
        Assert.Equal(HttpStatusCode.Conflict, early.Status);
    }

    [Fact]
    public async Task TheCoordinatorIsReassignedByTheCaseNumberAsByTheId()
    {
        var admin = await _walker.AsAsync("admin");
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var number = (await _walker.WaitForBoardAsync(await _walker.GetAsync(id)))["number"]!.GetValue<string>();

        // Found by its number, the case still applies its own rule: its coordinator may read it but not reassign it.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _walker.AsAsync(coordinator)).PutAsync($"/api/cases/{number}/coordinator", new { coordinator = "coordinator2" })).Status);
        var moved = await admin.PutAsync($"/api/cases/{number.ToLowerInvariant()}/coordinator", new { coordinator = "coordinator2" });
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Equal((id, "coordinator2"), (CaseWalker.Id(moved.Json), moved.Json["coordination"]!["coordinator"]!.GetValue<string>()));

        var unknown = await admin.PutAsync("/api/cases/GZ-20990101-999999/coordinator", new { coordinator = "coordinator2" });
        Assert.Equal((HttpStatusCode.NotFound, "id"), (unknown.Status, unknown.Field));
    }

    [Fact]
    public async Task AnAdminMovingAProjectToAnotherDistrictGivesItThatDistrictsCoordinatorAndMovesTheLoad()
    {
        var admin = await _walker.AsAsync("admin");
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var before = (await admin.GetAsync("/api/coordinator/load")).Json.AsObject();
        int Before(string user) => before[user]?.GetValue<int>() ?? 0;

        // A present field that says nothing is refused by name, and nothing changes.
        foreach (var (body, field) in new (object, string)[]
        {
            (new { coordinator = 7 }, "coordinator"), (new { district = " " }, "district"), (new { coordinator = (string?)null, district = "nansha" }, "coordinator"),
        })
        {
            var bad = await admin.PutAsync($"/api/cases/{id}/coordinator", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            Assert.Equal(field, bad.Field);
        }

        Assert.Equal(coordinator, (await _walker.GetAsync(id))["coordination"]!["coordinator"]!.GetValue<string>());

        // Nansha's only coordinator takes the project over; the Tianhe coordinator no longer carries it.
        var moved = await admin.PutAsync($"/api/cases/{id}/coordinator", new { district = "nansha" });
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Equal("coordinator2", moved.Json["coordination"]!["coordinator"]!.GetValue<string>());
        Assert.Equal("nansha", moved.Json["coordination"]!["district"]!.GetValue<string>());
        var after = (await admin.GetAsync("/api/coordinator/load")).Json.AsObject();
        Assert.Equal(Before("coordinator2") + 1, after["coordinator2"]!.GetValue<int>());
        Assert.Equal(Before(coordinator) - 1, after[coordinator]?.GetValue<int>() ?? 0);
        var projects = await (await _walker.AsAsync("coordinator2")).GetAsync("/api/coordinator/projects");
        Assert.Contains(projects.Json["items"]!.AsArray(), p => p!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task AClosedProjectIsNoLongerLoadAndCannotBeReassignedByAnAdmin()
    {
        var admin = await _walker.AsAsync("admin");
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        var stepDue = Now(await _walker.GetAsync(id)).AddDays(3);
        await _walker.ActAsync(id, coordinator, "route", new
        {
            groups = new[] { new { parallel = true, steps = new[] { Step("market-regulation", "reviewer-b", stepDue) } } },
        });
        await _walker.ActAsync(id, coordinator, "pause-clock", new { reason = "等待专题会议" });
        var open = (await admin.GetAsync("/api/coordinator/load")).Json.AsObject();
        var carried = open[coordinator]!.GetValue<int>();

        // The review ends and the coordinator closes the project: it stops counting as load.
        await _walker.ActAsync(id, "reviewer-b", "approve", new { opinion = "同意" });
        await _walker.ActAsync(id, coordinator, "close", new { summary = "审查完毕，协调结案" });
        var closed = (await admin.GetAsync("/api/coordinator/load")).Json.AsObject();
        Assert.Equal(carried - 1, closed[coordinator]?.GetValue<int>() ?? 0);

        // An admin cannot re-open it as load by assigning it again.
        var reassigned = await admin.PutAsync($"/api/cases/{id}/coordinator", new { coordinator = "coordinator3" });
        Assert.Equal(HttpStatusCode.Conflict, reassigned.Status);
        Assert.Equal("action", reassigned.Field);
        var unchanged = (await admin.GetAsync("/api/coordinator/load")).Json.AsObject();
        Assert.Equal(closed.ToJsonString(), unchanged.ToJsonString());
    }

    [Fact]
    public async Task AWithdrawnProjectIsNoLongerLoadAndItsHeldClockCannotBeResumed()
    {
        var admin = await _walker.AsAsync("admin");
        var (id, coordinator) = await OpenAcceptedProjectAsync();
        await _walker.ActAsync(id, coordinator, "pause-clock", new { reason = "等待专题会议" });
        var carried = (await admin.GetAsync("/api/coordinator/load")).Json.AsObject()[coordinator]!.GetValue<int>();

        var withdrawn = await _walker.ActAsync(id, "clerk", "withdraw", new { reason = "申请人书面撤回" });
        Assert.Equal("withdrawn", CaseWalker.Status(withdrawn));
        var after = (await admin.GetAsync("/api/coordinator/load")).Json.AsObject();
        Assert.Equal(carried - 1, after[coordinator]?.GetValue<int>() ?? 0);

        // The finished case's clock stays stopped: no resumption shifts its due dates.
        var resumed = await (await _walker.AsAsync(coordinator)).PostAsync($"/api/cases/{id}/actions/resume-clock", new { });
        Assert.Equal(HttpStatusCode.Conflict, resumed.Status);
        Assert.Equal("action", resumed.Field);
        Assert.Equal(CaseWalker.Version(withdrawn), CaseWalker.Version(await _walker.GetAsync(id)));
    }

    private async Task<(string Id, string Coordinator)> OpenAcceptedProjectAsync()
    {
        var application = JsonSerializer.SerializeToNode(CaseWalker.Application(Item, "key-project", window: "key-project"), JsonSerializerOptions.Web)!.AsObject();
        application["district"] = "tianhe";
        application["materials"] = new JsonArray(
            new[] { "application-form", "business-licence-copy", "project-proposal", "land-survey-map", "site-selection-report" }
                .Select(code => (JsonNode)new JsonObject { ["code"] = code, ["form"] = "original" }).ToArray());
        var opened = await _walker.OpenAsync(application);
        var coordinator = opened["coordination"]!["coordinator"]!.GetValue<string>();
        Assert.Contains(coordinator, TianheCoordinators);
        Assert.Equal("tianhe", opened["coordination"]!["district"]!.GetValue<string>());
        var id = CaseWalker.Id(opened);
        await _walker.ActAsync(id, "clerk", "accept");
        return (id, coordinator);
    }

    private async Task AdvanceClockAsync(TimeSpan by, CaseWalker? walker = null)
    {
        var reply = await (await (walker ?? _walker).AsAsync("admin")).PostAsync("/api/test-clock/advance", new { seconds = by.TotalSeconds });
        Assert.True(reply.Status == HttpStatusCode.OK, $"advance: {reply}");
    }

    private static object Step(string department, string? reviewer, DateTimeOffset dueAt) =>
        reviewer is null
            ? new { department, dueAt = dueAt.ToString("O", CultureInfo.InvariantCulture) }
            : new { department, reviewer, dueAt = dueAt.ToString("O", CultureInfo.InvariantCulture) };

    private static List<string> States(JsonNode view) =>
        [.. view["coordination"]!["steps"]!.AsArray().Select(s => s!["state"]!.GetValue<string>())];

    private static JsonNode PlanStep(JsonNode view, string part) =>
        view["coordination"]!["steps"]!.AsArray().Single(s => s!["part"]!.GetValue<string>() == part)!;

    private static DateTimeOffset DueAt(JsonNode view) =>
        DateTimeOffset.Parse(view["sla"]!["dueAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>The test clock's time at the case's last change.</summary>
    private static DateTimeOffset Now(JsonNode view) =>
        DateTimeOffset.Parse(view["updatedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private async Task<(HubConnection Connection, ConcurrentQueue<JsonElement> Heard)> ConnectAsync(string? user) =>
        await _live.ConnectAsync(user is null ? null : (await _walker.AsAsync(user)).AccessToken);

    private static Task<JsonElement> WaitForAsync(ConcurrentQueue<JsonElement> heard, string caseId, long version) =>
        CaseChangeListeners.WaitForAsync(heard, caseId, version, Eventually.Patience);
}
