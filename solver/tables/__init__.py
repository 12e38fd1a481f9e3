"""Tables format: sizes, a greedy seating, swap searches on dense meeting matrices, the held round, lifting the lowest people, and algebraic designs for golfer-shaped events."""
