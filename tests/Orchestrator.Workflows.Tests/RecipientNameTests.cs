using SendGrid.Helpers.Mail;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Tests;

/// <summary>SendGrid's rule for recipient names (no unquoted comma or semicolon), as the message it gets carries them.</summary>
public sealed class RecipientNameTests
{
    [Theory]
    [InlineData("Bộ Văn hóa, Thể thao và Du lịch", "\"Bộ Văn hóa, Thể thao và Du lịch\"")]
    [InlineData("A; B", "\"A; B\"")]
    [InlineData("Tên \"lạ\", có \\ gạch", "\"Tên lạ, có  gạch\"")]
    [InlineData("Bộ Tài chính", "Bộ Tài chính")]
    [InlineData("  Bộ Y tế ", "Bộ Y tế")]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("\",\"", "\",\"")]
    public void A_name_with_a_comma_or_semicolon_is_quoted_others_go_as_they_are(string? name, string? expected) =>
        Assert.Equal(expected, RecipientName.For(name));

    [Fact]
    public void The_quoted_name_reaches_the_message_sendgrid_gets()
    {
        var message = new SendGridMessage { From = new EmailAddress("from@example.vn"), Subject = "s", PlainTextContent = "t" };
        message.AddTo(new EmailAddress("vhttdl@example.vn", RecipientName.For("Bộ Văn hóa, Thể thao và Du lịch")));

        using var json = System.Text.Json.JsonDocument.Parse(message.Serialize());

        var to = json.RootElement.GetProperty("personalizations")[0].GetProperty("to")[0];
        Assert.Equal("\"Bộ Văn hóa, Thể thao và Du lịch\"", to.GetProperty("name").GetString());
        Assert.Equal("vhttdl@example.vn", to.GetProperty("email").GetString());
    }
}
