using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// Mutable state of one validation run (instance path, $ref frames, dynamic scope, errors).
/// Reused per thread so that a valid validation allocates nothing.
/// </summary>
internal sealed class EvaluationContext
{
    [ThreadStatic]
    private static EvaluationContext? t_cached;

    private readonly List<AnnotationTracker> _trackers = [];
    private PathSegment[] _path = new PathSegment[32];
    private RefFrame[] _frames = new RefFrame[16];
    private SchemaResource[] _scope = new SchemaResource[16];
    private int _pathCount;
    private int _frameCount;
    private int _scopeCount;
    private int _trackersInUse;
    private int _evaluationDepth;
    private long _steps;
    private SchemaNode? _root;
    private SchemaValidationOptions _options = SchemaValidationOptions.Default;

    /// <summary>When false, keywords short-circuit and never build error messages.</summary>
    public bool Collecting { get; set; }

    public List<SchemaValidationError>? Errors { get; private set; }

    public SchemaValidationOptions Options => _options;

    public int InstanceDepth => _pathCount;

    public int ScopeCount => _scopeCount;

    public static EvaluationContext Rent(SchemaNode root, SchemaValidationOptions options, bool collect)
    {
        var context = t_cached ?? new EvaluationContext();
        t_cached = null;
        context._root = root;
        context._options = options;
        context.Collecting = collect;
        context.Errors = collect ? [] : null;
        context._pathCount = 0;
        context._frameCount = 0;
        context._scopeCount = 0;
        context._trackersInUse = 0;
        context._evaluationDepth = 0;
        context._steps = 0;
        return context;
    }

    public void Return()
    {
        Errors = null;
        _root = null;
        t_cached = this;
    }

    public void EnterNode()
    {
        // A step budget stops schemas whose applicators multiply work exponentially (nested anyOf over $ref chains).
        if (++_steps > _options.MaxEvaluationSteps)
        {
            throw new SchemaLimitExceededException(
                $"validation needed more than {_options.MaxEvaluationSteps} schema evaluations (at {Where()})");
        }

        // The stack probe is not free, so it runs every 16 levels; the headroom it demands covers the gap.
        if (++_evaluationDepth > _options.MaxEvaluationDepth
            || ((_evaluationDepth & 15) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            throw new SchemaLimitExceededException(
                $"schema evaluation nested deeper than {_options.MaxEvaluationDepth} levels at {Where()}");
        }
    }

    public void ExitNode() => _evaluationDepth--;

    public void PushProperty(JsonProperty property) => Push(PathSegment.ForProperty(property));

    public void PushName(string name) => Push(PathSegment.ForName(name));

    public void PushIndex(int index) => Push(PathSegment.ForIndex(index));

    public void Pop() => _pathCount--;

    /// <summary>Enters a $ref target; false when the same target is already active at this instance location.</summary>
    public bool PushFrame(KeywordSite reference, SchemaNode target)
    {
        // Frames are ordered by instance depth, so only the top ones can share the current location.
        for (int i = _frameCount - 1; i >= 0 && _frames[i].InstanceDepth == _pathCount; i--)
        {
            if (ReferenceEquals(_frames[i].Target, target))
            {
                return false;
            }
        }

        if (_frameCount == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_frameCount++] = new RefFrame(reference, target, _pathCount);
        return true;
    }

    public void PopFrame() => _frameCount--;

    public bool PushScope(SchemaResource resource)
    {
        if (_scopeCount > 0 && ReferenceEquals(_scope[_scopeCount - 1], resource))
        {
            return false;
        }

        if (_scopeCount == _scope.Length)
        {
            Array.Resize(ref _scope, _scope.Length * 2);
        }

        _scope[_scopeCount++] = resource;
        return true;
    }

    public void PopScope() => _scopeCount--;

    public SchemaResource ScopeAt(int index) => _scope[index];

    public AnnotationTracker RentTracker(int length)
    {
        if (_trackersInUse == _trackers.Count)
        {
            _trackers.Add(new AnnotationTracker());
        }

        var tracker = _trackers[_trackersInUse++];
        tracker.Reset(length);
        return tracker;
    }

    public void ReturnTracker(AnnotationTracker tracker) => _trackersInUse--;

    public int ErrorMark => Errors?.Count ?? 0;

    public void Rollback(int mark)
    {
        if (Errors is not null && Errors.Count > mark)
        {
            Errors.RemoveRange(mark, Errors.Count - mark);
        }
    }

    /// <summary>Records an error; only called on the failure path, so building strings here is fine.</summary>
    public void Fail(KeywordSite site, string message)
    {
        if (Errors is null || Errors.Count >= _options.MaxErrors)
        {
            return;
        }

        Errors.Add(new SchemaValidationError(InstancePointer(), KeywordLocation(site), site.AbsoluteLocation, message));
    }

    public string InstancePointer()
    {
        if (_pathCount == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (int i = 0; i < _pathCount; i++)
        {
            builder.Append('/').Append(JsonPointerText.Escape(_path[i].Token));
        }

        return builder.ToString();
    }

    /// <summary>Human form of the current instance location for messages.</summary>
    public string Where()
    {
        var pointer = InstancePointer();
        if (pointer.Length > 120)
        {
            // Deeply nested locations stay readable; the full pointer is in InstanceLocation.
            pointer = string.Concat("…", pointer.AsSpan(pointer.Length - 100));
        }

        return pointer.Length == 0 ? "the root value" : $"`{pointer}`";
    }

    /// <summary>Keyword location along the evaluation path: each $ref contributes its own location plus the rest.</summary>
    public string KeywordLocation(KeywordSite site)
    {
        var builder = new StringBuilder();
        int previousTargetLength = _root?.Site.DocumentPointer.Length ?? 0;
        for (int i = 0; i < _frameCount; i++)
        {
            AppendTail(builder, _frames[i].Reference.DocumentPointer, previousTargetLength);
            previousTargetLength = _frames[i].Target.Site.DocumentPointer.Length;
        }

        AppendTail(builder, site.DocumentPointer, previousTargetLength);
        return builder.ToString();
    }

    private static void AppendTail(StringBuilder builder, string pointer, int skip) =>
        builder.Append(pointer.AsSpan(Math.Min(skip, pointer.Length)));

    private void Push(PathSegment segment)
    {
        if (_pathCount >= _options.MaxInstanceDepth)
        {
            throw new SchemaLimitExceededException(
                $"the instance is nested deeper than {_options.MaxInstanceDepth} levels at {Where()}");
        }

        if (_pathCount == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }

        _path[_pathCount++] = segment;
    }
}
