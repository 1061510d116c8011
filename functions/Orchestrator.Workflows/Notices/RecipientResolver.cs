using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Directives;

namespace Orchestrator.Workflows.Notices;

/// <summary>
/// Who a notice goes to, from the agency in charge on the day of the notice (successors followed):
/// reminders and milestones → the lead's focal point; level 1 → the lead's focal point, the
/// coordinating agencies' focal points in Cc; level 2 → the lead's leadership, its focal point in
/// Cc; level 3 → the tracking office (its focal point), the lead's leadership in Cc. Descriptive
/// coordinators ("các Bộ, cơ quan liên quan") have nobody to write to and are left out; an address
/// is never both To and Cc (SendGrid refuses that).
/// </summary>
public sealed class RecipientResolver(AgencyDirectory agencies)
{
    public NoticeRecipients Resolve(TrackedItem item, Agency trackingOffice, NoticeKind kind, int level, DateOnly day)
    {
        var lead = item.LeadOn(day, agencies);
        List<NoticeAddress> to = [];
        List<NoticeAddress> cc = [];
        switch (kind, level)
        {
            case (NoticeKind.Escalation, 1):
                to.Add(FocalPoint(lead));
                foreach (var coordinator in item.Coordinating)
                {
                    var named = coordinator.Code is { } code ? agencies.FindByCode(code) : null;
                    if (named is null || named.Kind == AgencyKind.Descriptive) continue;
                    foreach (var member in agencies.Expand(named, day))
                    {
                        var inCharge = agencies.InChargeOn(member.Code, day);
                        if (inCharge.Contacts is not null) cc.Add(FocalPoint(inCharge));
                    }
                }
                break;
            case (NoticeKind.Escalation, 2):
                to.Add(Leadership(lead));
                cc.Add(FocalPoint(lead));
                break;
            case (NoticeKind.Escalation, 3):
                to.Add(FocalPoint(trackingOffice));
                cc.Add(Leadership(lead));
                break;
            case (NoticeKind.Escalation, _):
                throw new ArgumentOutOfRangeException(nameof(level), level, "Escalation levels are 1, 2 and 3.");
            default:
                to.Add(FocalPoint(lead));
                break;
        }
        return Distinct(to, cc);
    }

    /// <summary>Drops repeated addresses (case-insensitive) and Cc addresses that are already To.</summary>
    public static NoticeRecipients Distinct(IEnumerable<NoticeAddress> to, IEnumerable<NoticeAddress> cc)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var toList = to.Where(a => seen.Add(a.Email.Trim())).ToList();
        var ccList = cc.Where(a => seen.Add(a.Email.Trim())).ToList();
        return new NoticeRecipients(toList, ccList);
    }

    private static NoticeAddress FocalPoint(Agency agency) => new(Contacts(agency).FocalPoint, agency.Name);

    private static NoticeAddress Leadership(Agency agency) => new(Contacts(agency).Leadership, "Lãnh đạo " + agency.Name);

    private static AgencyContacts Contacts(Agency agency) =>
        agency.Contacts ?? throw new InvalidOperationException(
            $"Agency {agency.Code} ({agency.Name}) has no contacts: add focalPoint and leadership to its directory entry.");
}
