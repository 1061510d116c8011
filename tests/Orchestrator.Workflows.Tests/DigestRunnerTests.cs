using System.Globalization;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;
using Orchestrator.Testing;
using Orchestrator.Workflows.Digests;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Reports;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests;

/// <summary>The digest schedule's rules: once per addressee and period, a new period a new digest;
/// reminders left to the digest when per-item reminders are off.</summary>
public sealed class DigestRunnerTests
{
    private static readonly DateTimeOffset Monday = VietnamTime.At(new DateOnly(2026, 11, 23), new TimeOnly(8, 0));

    [Fact]
    public async Task A_digest_goes_once_per_week_and_again_the_next_week()
    {
        var (runner, clock, store, outbox) = await CreateAsync();
        await AddItemAsync(store, "1", "BTC", new DateOnly(2026, 11, 30));
        await AddItemAsync(store, "2", "BTC", new DateOnly(2027, 3, 1)); // not due within 14 days
        await AddItemAsync(store, "3", "BYT", new DateOnly(2026, 11, 10)); // overdue

        var first = await runner.RunAsync();
        var again = await runner.RunAsync();
        clock.Now = Monday.AddDays(7);
        var nextWeek = await runner.RunAsync();

        Assert.Equal(["digest-weekly:BTC|2026-W48", "digest-weekly:BYT|2026-W48", "digest-monthly:VPCP|2026-10"], first.Sent);
        Assert.Empty(again.Sent);
        Assert.Equal(["digest-weekly:BTC|2026-W49", "digest-weekly:BYT|2026-W49"], nextWeek.Sent); // same month: no second report
        var btc = await outbox.GetAsync("digest-weekly:BTC", "2026-W48");
        Assert.Contains("mục 1", btc!.TextBody);
        Assert.DoesNotContain("mục 2", btc.TextBody);
        var report = await outbox.GetAsync("digest-monthly:VPCP", "2026-10");
        Assert.Equal("bao-cao-2026-10.xlsx", report!.AttachmentName);
        Assert.NotEmpty(report.Attachment!);
    }

    [Fact]
    public async Task Nothing_is_sent_while_digests_are_off()
    {
        var (runner, _, store, _) = await CreateAsync(enabled: false);
        await AddItemAsync(store, "1", "BTC", new DateOnly(2026, 11, 30));

        Assert.Empty((await runner.RunAsync()).Sent);
    }

    [Fact]
    public async Task With_per_item_reminders_off_a_reminder_is_left_to_the_digest_and_recorded()
    {
        var storage = new TableStorage(new TableServiceClient(await SharedAzurite.GetConnectionStringAsync()), TestNames.Unique("g"));
        var store = new ItemStore(storage);
        var activity = new SendNoticeActivity(null!, null!, null!, store, new ItemCountStore(storage), Sample.Agencies, null!,
            new DigestOptions { Enabled = true, PerItemReminders = false });
        var step = new PlannedStep("reminder-14d", StepKind.Reminder, 0, new DateOnly(2026, 11, 16), Monday);

        var outcome = await activity.RunAsync(new ActivityContext("d:1"), new NoticeStep("d", "1", step, new DateOnly(2026, 11, 30), null, 0, Monday));

        Assert.Equal(SendNoticeActivity.InDigest, outcome.State);
        var row = Assert.Single(await store.GetTimelineAsync("d:1"));
        Assert.Contains("weekly digest", row.Detail);
        Assert.False(new DigestOptions { Enabled = true }.RemindersInDigestOnly);
        Assert.False(new DigestOptions { Enabled = false, PerItemReminders = false }.RemindersInDigestOnly);
    }

    [Fact]
    public void A_poll_interval_out_of_range_stops_the_host_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Digests:PollInterval"] = "00:00:00",
        }).Build();
        using var services = new ServiceCollection().AddValidatedSettings<DigestOptions>(configuration, DigestOptions.Section).Services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<DigestOptions>());
        Assert.Contains(e.Failures, f => f.Contains("Digests__PollInterval"));
    }

    [Fact]
    public async Task A_digest_whose_run_died_after_reserving_it_is_sent_by_the_next_run_once()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var (runner, _, store, outbox) = await CreateAsync(sendGrid: sendGrid);
        await AddItemAsync(store, "1", "BTC", new DateOnly(2026, 11, 30));
        // A run reserved the week's row, then its process died before calling SendGrid.
        Assert.True(await outbox.TryAddAsync(new OutboxRecord
        {
            PartitionKey = "digest-weekly:BTC", RowKey = "2026-W48", Kind = nameof(NoticeKind.Digest), State = OutboxState.Pending,
            Recipients = OutboxStore.WriteRecipients(new NoticeRecipients([new NoticeAddress("btc@example.org", "Bộ Tài chính")], [])),
            Subject = "Tổng hợp", TextBody = "x", HtmlBody = "x", LeaseUntilUtc = Monday.AddMinutes(-1), CreatedUtc = Monday.AddMinutes(-2),
        }));

        var next = await runner.RunAsync();
        var again = await runner.RunAsync();

        Assert.Contains("digest-weekly:BTC|2026-W48", next.Sent);
        Assert.DoesNotContain("digest-weekly:BTC|2026-W48", again.Sent);
        Assert.Single(sendGrid.Requests, r => r.Body.GetProperty("custom_args").GetProperty("notice_key").GetString() == "digest-weekly:BTC|2026-W48");
        Assert.Equal(OutboxState.Sent, (await outbox.GetAsync("digest-weekly:BTC", "2026-W48"))!.State);
    }

    private static async Task<(DigestRunner Runner, ManualClock Clock, ItemStore Store, OutboxStore Outbox)> CreateAsync(bool enabled = true,
        FakeSendGrid? sendGrid = null)
    {
        var storage = new TableStorage(new TableServiceClient(await SharedAzurite.GetConnectionStringAsync()), TestNames.Unique("g"));
        var clock = new ManualClock(Monday);
        var store = new ItemStore(storage);
        var outbox = new OutboxStore(storage);
        var runner = new DigestRunner(new DigestOptions { Enabled = enabled }, new ItemQueries(storage, new ItemCountStore(storage), Sample.Agencies, clock),
            new ReportBuilder(storage, store, clock), Sample.Agencies, new ActionTokens(Sample.Links(), clock), new ActionLinkStore(storage),
            outbox, new NoticeSender(outbox, sendGrid is null ? new SendGridOptions()
                : new SendGridOptions { ApiKey = "SG.test", BaseUrl = sendGrid.BaseUrl, FromEmail = "no-reply@example.org" }, clock), clock);
        return (runner, clock, store, outbox);
    }

    private static Task AddItemAsync(ItemStore store, string label, string agency, DateOnly due) => store.UpsertAsync(new ItemRecord
    {
        PartitionKey = "2026-1-VPCP-KTTH", RowKey = label, InstanceId = ItemInstanceId.For("2026-1-VPCP-KTTH", label),
        Task = "Nhiệm vụ " + label, DeadlineKind = "Date", LeadAsWritten = agency, LeadCode = agency, AgencyInCharge = agency,
        AgencyInChargeName = Sample.Agencies.FindByCode(agency)!.Name, DueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DueUtc = VietnamTime.EndOfDay(due), State = nameof(Items.ItemState.Open),
    });

    private sealed class ActivityContext(string instanceId) : TaskActivityContext
    {
        public override TaskName Name => SendNoticeActivity.Name;
        public override string InstanceId => instanceId;
    }
}
