namespace Matching.Contracts;

/// <summary>How a command on a grain ended.</summary>
[Alias("Matching.CommandStatus")]
public enum CommandStatus
{
    /// <summary>Applied and stored.</summary>
    Ok = 0,
    /// <summary>The input failed validation; see <see cref="CommandResult{T}.Errors"/>. Nothing changed.</summary>
    Invalid = 1,
    /// <summary>The target does not exist.</summary>
    NotFound = 2,
    /// <summary>The target's current state forbids the command (e.g. a lifecycle transition). Nothing changed.</summary>
    Conflict = 3,
    /// <summary>The caller's expected version is not the current one. Nothing changed.</summary>
    VersionMismatch = 4,
    /// <summary>Well-formed but refused by a rule (the fair-competition firewall); see <see cref="CommandResult{T}.Errors"/>. Nothing changed.</summary>
    Rejected = 5,
    /// <summary>An idempotency key the caller already used for a different request. Nothing changed.</summary>
    KeyReused = 6,
}

/// <summary>
/// The outcome of a command. Grains return rejections as values instead of throwing, so that a
/// rejection crosses silos intact (field errors included) and callers map it to the right HTTP status.
/// </summary>
/// <typeparam name="T">The resulting entity.</typeparam>
[GenerateSerializer, Immutable, Alias("Matching.CommandResult`1")]
public sealed record CommandResult<T>
{
    /// <summary>How the command ended.</summary>
    [Id(0)] public CommandStatus Status { get; init; }

    /// <summary>The entity after the command (on success) or as it stands (on conflicts), when it exists.</summary>
    [Id(1)] public T? Value { get; init; }

    /// <summary>Field-level messages, for <see cref="CommandStatus.Invalid"/>.</summary>
    [Id(2)] public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>A sentence saying why, for rejections.</summary>
    [Id(3)] public string? Detail { get; init; }

    /// <summary>True when the command was applied.</summary>
    public bool IsOk => Status == CommandStatus.Ok;

    /// <summary>Success.</summary>
    public static CommandResult<T> Ok(T value) => new() { Status = CommandStatus.Ok, Value = value };

    /// <summary>Validation failure.</summary>
    public static CommandResult<T> Invalid(IDictionary<string, string[]> errors) =>
        new() { Status = CommandStatus.Invalid, Errors = new Dictionary<string, string[]>(errors), Detail = "输入有误，请按字段提示修改。" };

    /// <summary>Refused by rules, with the fields each rule concerns.</summary>
    public static CommandResult<T> Rejected(IDictionary<string, string[]> errors, string detail) =>
        new() { Status = CommandStatus.Rejected, Errors = new Dictionary<string, string[]>(errors), Detail = detail };

    /// <summary>Missing target.</summary>
    public static CommandResult<T> NotFound(string detail) => new() { Status = CommandStatus.NotFound, Detail = detail };

    /// <summary>Forbidden in the current state.</summary>
    public static CommandResult<T> Conflict(string detail, T? current) =>
        new() { Status = CommandStatus.Conflict, Detail = detail, Value = current };

    /// <summary>An idempotency key reused for a different request.</summary>
    public static CommandResult<T> KeyReused(string key) => new()
    {
        Status = CommandStatus.KeyReused,
        Errors = new Dictionary<string, string[]> { ["Idempotency-Key"] = [$"该幂等键“{key}”已用于内容不同的另一请求；重试须与原请求完全一致，新请求请使用新的键。"] },
        Detail = "幂等键已用于内容不同的请求。",
    };

    /// <summary>
    /// Runs a validation; on failure <paramref name="rejection"/> is the Invalid result to return (with
    /// every failing field) and the method answers false.
    /// </summary>
    public static bool TryValidate<TValue>(Func<TValue> validate, out TValue value, out CommandResult<T> rejection)
    {
        try
        {
            value = validate();
            rejection = null!;
            return true;
        }
        catch (Domain.Validation.DomainValidationException e)
        {
            value = default!;
            rejection = Invalid(e.Errors.ToDictionary());
            return false;
        }
    }

    /// <summary>Stale version.</summary>
    public static CommandResult<T> VersionMismatch(long expected, long actual, T? current) =>
        new() { Status = CommandStatus.VersionMismatch, Detail = "内容已被他人修改（你看到的是较早的内容），请刷新后重试。", Value = current };
}
