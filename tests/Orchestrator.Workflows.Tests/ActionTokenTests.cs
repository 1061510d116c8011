using System.Buffers.Text;
using System.Text;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Tests;

public class ActionTokenTests
{
    private const string Item = "2023-6411-VPCP-KTTH:2.a.3";
    private const string Recipient = "bkhdt.daumoi@example.org";
    private readonly ManualClock _clock = new(new DateTimeOffset(2023, 10, 3, 1, 0, 0, TimeSpan.Zero));

    private ActionTokens Tokens(string secret = Sample.Secret) => new(Sample.Links(secret), _clock);

    [Fact]
    public void A_fresh_token_is_valid_and_carries_its_claims()
    {
        var token = Tokens().CreateToken(Item, NoticeAction.Complete, Recipient);

        var result = Tokens().Validate(token, NoticeAction.Complete, Item);

        Assert.Equal(ActionTokenStatus.Valid, result.Status);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(new ActionClaims(Item, NoticeAction.Complete, Recipient, _clock.Now.AddDays(30)), result.Claims);
    }

    [Fact]
    public void A_changed_payload_is_refused_with_401()
    {
        var token = Tokens().CreateToken(Item, NoticeAction.Complete, Recipient);
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[0])).Replace("2.a.3", "2.a.4")));

        var result = Tokens().Validate(forged + "." + token.Split('.')[1]);

        Assert.Equal(ActionTokenStatus.Invalid, result.Status);
        Assert.Equal(401, result.HttpStatus);
        Assert.Null(result.Claims);
    }

    [Fact]
    public void A_changed_signature_is_refused_with_401()
    {
        var token = Tokens().CreateToken(Item, NoticeAction.Complete, Recipient);
        var last = token[^1];
        var tampered = token[..^1] + (last == 'A' ? 'B' : 'A');

        Assert.Equal(401, Tokens().Validate(tampered).HttpStatus);
        Assert.Equal(401, Tokens().Validate(token.Split('.')[0] + ".").HttpStatus);
        Assert.Equal(401, Tokens().Validate("not-a-token").HttpStatus);
        Assert.Equal(401, Tokens().Validate("a.b.c").HttpStatus);
        Assert.Equal(401, Tokens().Validate("").HttpStatus);
    }

    [Fact]
    public void A_token_signed_with_another_secret_is_refused_with_401()
    {
        var token = Tokens("another-secret-of-enough-length-0123456789").CreateToken(Item, NoticeAction.Complete, Recipient);

        Assert.Equal(ActionTokenStatus.Invalid, Tokens().Validate(token).Status);
    }

    [Fact]
    public void An_expired_token_is_refused_with_403()
    {
        var token = Tokens().CreateToken(Item, NoticeAction.Progress, Recipient);
        _clock.Now = _clock.Now.AddDays(30);

        var result = Tokens().Validate(token, NoticeAction.Progress, Item);

        Assert.Equal(ActionTokenStatus.Expired, result.Status);
        Assert.Equal(403, result.HttpStatus);
    }

    [Fact]
    public void A_token_for_another_action_or_item_is_refused_with_403()
    {
        var token = Tokens().CreateToken(Item, NoticeAction.Progress, Recipient);

        var wrongAction = Tokens().Validate(token, NoticeAction.Complete, Item);
        var foreign = Tokens().Validate(token, NoticeAction.Progress, "2023-6411-VPCP-KTTH:2.a.7");

        Assert.Equal((ActionTokenStatus.WrongAction, 403), (wrongAction.Status, wrongAction.HttpStatus));
        Assert.Equal((ActionTokenStatus.ForeignItem, 403), (foreign.Status, foreign.HttpStatus));
    }

    [Fact]
    public void Links_point_at_act_with_one_token_per_action()
    {
        var links = Tokens().LinksFor(Item, Recipient);

        Assert.StartsWith("https://orchestrator.example.org/act/", links.Complete);
        var tokens = new[] { links.Complete, links.Progress, links.Extend }.Select(u => u["https://orchestrator.example.org/act/".Length..]).ToList();
        Assert.Equal([NoticeAction.Complete, NoticeAction.Progress, NoticeAction.Extend],
            tokens.Select(t => Tokens().Validate(t).Claims!.Action));
        Assert.All(tokens, t => Assert.Equal(Item, Tokens().Validate(t).Claims!.InstanceId));
    }

    [Fact]
    public void A_token_carries_the_items_link_epoch_and_links_issued_in_the_same_second_are_distinct()
    {
        var first = Tokens().Validate(Tokens().CreateToken(Item, NoticeAction.Complete, Recipient, linkEpoch: 2));
        var second = Tokens().Validate(Tokens().CreateToken(Item, NoticeAction.Complete, Recipient, linkEpoch: 2));

        Assert.Equal(2, first.Claims!.LinkEpoch);
        Assert.Equal(first.Claims, second.Claims);
        Assert.NotEqual(first.LinkId, second.LinkId);
    }

    [Fact]
    public void A_token_issued_before_epochs_existed_is_of_epoch_zero()
    {
        // The payload links had before: instance, action, recipient, expiry; no epoch, no nonce.
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{{\"i\":\"{Item}\",\"a\":\"progress\",\"r\":\"{Recipient}\",\"e\":{_clock.Now.AddDays(3).ToUnixTimeSeconds()}}}"));
        var signature = Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Sample.Secret), Encoding.ASCII.GetBytes(payload)));

        var result = Tokens().Validate(payload + "." + signature);

        Assert.Equal(ActionTokenStatus.Valid, result.Status);
        Assert.Equal(0, result.Claims!.LinkEpoch);
        Assert.Equal(signature, result.LinkId);
    }

    [Fact]
    public void A_second_spelling_of_the_same_signature_is_refused_so_a_link_has_one_id()
    {
        var token = Tokens().CreateToken(Item, NoticeAction.Complete, Recipient);
        // 32 bytes are 43 base64url characters; the last one carries 4 bits and 2 unused ones.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var twin = token[..^1] + alphabet[alphabet.IndexOf(token[^1]) ^ 1];

        Assert.Equal(ActionTokenStatus.Invalid, Tokens().Validate(twin).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short-secret")]
    public void A_missing_or_short_secret_fails_validation_and_says_how_to_set_it(string? secret)
    {
        var result = new LinkOptionsValidator().Validate(null, new LinkOptions { SigningSecret = secret });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Links__SigningSecret: ", failure, StringComparison.Ordinal);
        Assert.Contains("at least 32 characters", failure);
        Assert.Contains("openssl rand", failure);
    }
}
