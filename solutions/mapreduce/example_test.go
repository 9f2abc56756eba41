package mapreduce_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/conckata/conckata/solutions/mapreduce"
)

// Count the words of a text in chunks of 16 bytes on two workers: the cuts
// fall between words, case is folded (Straße and STRASSE are not the same
// word, but ÉCOLE and école are), and punctuation separates words.
func Example() {
	text := "L'école est finie. ÉCOLE! Straße, STRASSE; 2024: école 2024."
	counts, err := mapreduce.WordCount(context.Background(), strings.NewReader(text),
		mapreduce.Options{Workers: 2, ChunkSize: 16})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, word := range slices.Sorted(maps.Keys(counts)) {
		fmt.Println(word, counts[word])
	}
	// Output:
	// 2024 2
	// est 1
	// finie 1
	// l 1
	// strasse 1
	// straße 1
	// école 3
}
