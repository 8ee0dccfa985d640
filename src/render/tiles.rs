//! The tile map of départements: one square per unit, placed roughly where
//! it lies, drawn by hand (no geometry data needed). Overseas units and the
//! two fictitious ones (`ZZ`, `EU`) sit in two rows of their own, so that
//! the map is no wider than the mainland's twelve columns.

use std::sync::OnceLock;

use crate::rules::department::{self, Department};

/// The map, row by row from north to south, each cell a code or `.`.
const GRID: &str = "
 .   .   .   .   .   62  59  .   .   .   .   .
 .   .   .   .   76  80  02  08  .   .   .   .
 .   .   50  14  27  60  95  51  55  54  57  67
 29  22  35  61  28  78  93  10  52  88  90  68
 .   56  53  72  45  92  75  77  89  70  25  .
 .   44  49  37  41  91  94  58  21  39  74  .
 .   85  79  86  36  18  03  71  01  38  73  .
 .   .   17  16  87  23  63  42  69  26  05  .
 .   .   33  24  19  15  43  07  84  04  06  .
 .   .   40  47  46  12  48  30  13  83  .   2B
 .   .   64  32  82  81  34  .   .   .   .   2A
 .   .   .   65  31  11  .   .   .   .   .   .
 .   .   .   .   09  66  .   .   .   .   .   .
 .   .   .   .   .   .   .   .   .   .   .   .
 971 972 973 974 976 975 977 .   .   .   .   .
 978 986 987 988 ZZ  EU  .   .   .   .   .   .
";

/// Where a unit's square is: column (west to east) and row (north to south).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile {
    pub x: u16,
    pub y: u16,
    pub unit: &'static Department,
}

/// Every unit's tile, in the order of `department::ALL`.
pub fn tiles() -> &'static [Tile] {
    static TILES: OnceLock<Vec<Tile>> = OnceLock::new();
    TILES.get_or_init(|| {
        let mut found: Vec<(&str, u16, u16)> = Vec::new();
        for (y, row) in GRID.trim_matches('\n').lines().enumerate() {
            for (x, cell) in row.split_whitespace().enumerate() {
                if cell != "." {
                    found.push((cell, x as u16, y as u16));
                }
            }
        }
        department::ALL
            .iter()
            .map(|unit| {
                let (_, x, y) = found
                    .iter()
                    .find(|(code, _, _)| *code == unit.code)
                    .copied()
                    .unwrap_or_else(|| panic!("{} has no tile", unit.code));
                Tile { x, y, unit }
            })
            .collect()
    })
}

/// The grid's size: columns and rows.
pub fn size() -> (u16, u16) {
    let tiles = tiles();
    let columns = tiles.iter().map(|t| t.x).max().unwrap_or(0) + 1;
    let rows = tiles.iter().map(|t| t.y).max().unwrap_or(0) + 1;
    (columns, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(code: &str) -> Tile {
        *tiles().iter().find(|t| t.unit.code == code).expect("a tile")
    }

    /// Side by side or one above the other.
    fn touch(a: &str, b: &str) -> bool {
        let (a, b) = (at(a), at(b));
        a.x.abs_diff(b.x) + a.y.abs_diff(b.y) == 1
    }

    fn mainland() -> impl Iterator<Item = &'static Tile> {
        tiles()
            .iter()
            .filter(|t| t.unit.code.len() == 2 && !matches!(t.unit.code, "2A" | "2B" | "ZZ" | "EU"))
    }

    #[test]
    fn every_unit_has_one_tile_and_no_two_share_one() {
        assert_eq!(tiles().len(), department::ALL.len());
        let mut places: Vec<(u16, u16)> = tiles().iter().map(|t| (t.x, t.y)).collect();
        places.sort_unstable();
        places.dedup();
        assert_eq!(places.len(), department::ALL.len());
    }

    #[test]
    fn neighbours_are_where_they_are_on_a_map() {
        for (a, b) in [
            ("75", "92"),
            ("75", "93"),
            ("75", "94"),
            ("13", "84"),
            ("13", "83"),
            ("59", "62"),
        ] {
            assert!(touch(a, b), "{a} touches {b}");
        }
        assert_eq!(at("2B").x, at("2A").x);
        assert!(at("2B").y < at("2A").y, "2B sits above 2A");
        let west = mainland().map(|t| t.x).min().unwrap();
        assert!(
            mainland().filter(|t| t.x == west).all(|t| t.unit.code == "29"),
            "29 is the westernmost"
        );
        let east = mainland().map(|t| t.x).max().unwrap();
        let eastern: Vec<&str> = mainland().filter(|t| t.x == east).map(|t| t.unit.code).collect();
        assert_eq!(
            eastern,
            ["67", "68"],
            "67 and 68 are the easternmost of the mainland"
        );
    }

    #[test]
    fn overseas_and_fictitious_units_have_rows_of_their_own() {
        let mainland_rows = mainland().map(|t| t.y).max().unwrap();
        let codes = [
            "971", "972", "973", "974", "975", "976", "977", "978", "986", "987", "988", "ZZ", "EU",
        ];
        for code in codes {
            assert!(at(code).y > mainland_rows + 1, "{code} is below the mainland");
        }
        let below = tiles().iter().filter(|t| t.y > mainland_rows).count();
        assert_eq!(below, codes.len());
    }

    #[test]
    fn the_map_is_as_wide_as_the_mainland() {
        let widest = mainland().map(|t| t.x).max().unwrap() + 1;
        assert_eq!(size(), (widest, 16));
    }
}
