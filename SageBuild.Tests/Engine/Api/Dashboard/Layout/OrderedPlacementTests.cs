using SageBuild.Engine.Api.Dashboard.Layout;

namespace SageBuild.Tests.Engine.Api.Dashboard.Layout;

public sealed class OrderedPlacementTests
{
    private static IReadOnlyList<(double, double)> At(params double[] positions) => [.. positions.Select(p => (p, 1.0))];

    [Test]
    public void Items_far_enough_apart_go_exactly_where_they_wish()
    {
        var anchors = OrderedPlacement.SolveAbsolute([0, 0], [At(10), At(100)], [20]);
        Assert.That(anchors, Is.EqualTo(new[] { 10.0, 100.0 }));
    }

    [TestCase(50.0, 50.0, 30.0, 70.0)] // two items wishing for one place split the difference
    [TestCase(50.0, 55.0, 32.5, 72.5)]
    public void Items_that_want_to_be_too_close_keep_their_gap_and_their_order(double left, double right, double expectedLeft, double expectedRight)
    {
        var anchors = OrderedPlacement.SolveAbsolute([left, right], [At(left), At(right)], [40]);
        Assert.That(anchors, Is.EqualTo(new[] { expectedLeft, expectedRight }).Within(1e-9));
    }

    [Test]
    public void Under_absolute_loss_an_item_goes_to_the_weighted_median_of_its_wishes()
    {
        // Three pulls: two to the left at 0 and 10, a heavy one at 100. The heavy one wins under absolute loss.
        var anchors = OrderedPlacement.SolveAbsolute([0], [[(0, 1), (10, 1), (100, 3)]], []);
        Assert.That(anchors[0], Is.EqualTo(100));
    }

    [Test]
    public void Under_squared_loss_an_item_goes_to_the_weighted_mean_of_its_wishes()
    {
        var anchors = OrderedPlacement.SolveSquares([[(0, 1), (10, 1), (100, 3)]], []);
        Assert.That(anchors[0], Is.EqualTo(62).Within(1e-9));
    }

    [Test]
    public void When_a_whole_interval_is_best_an_item_stays_where_it_is()
    {
        // Equal pulls at 0 and 100: anywhere between is as good; moving would only make a path drift.
        Assert.That(OrderedPlacement.SolveAbsolute([30], [At(0, 100)], [])[0], Is.EqualTo(30));
        Assert.That(OrderedPlacement.SolveAbsolute([130], [At(0, 100)], [])[0], Is.EqualTo(100));
    }

    [Test]
    public void A_crowded_layer_is_pushed_apart_symmetrically_around_its_wishes()
    {
        var anchors = OrderedPlacement.SolveSquares([At(0), At(0), At(0)], [10, 10]);
        Assert.That(anchors, Is.EqualTo(new[] { -10.0, 0.0, 10.0 }).Within(1e-9));
    }
}
