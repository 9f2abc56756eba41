package products_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"github.com/conckata/conckata/solutions/products"
)

// The service on an embedded SQLite database: the schema and 1000 generated
// products, the seed's join query for three products at once over a pool of
// three connections, a streamed count, then the HTTP service started and
// shut down.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "products")
	defer os.RemoveAll(dir)
	db, dialect, _ := products.OpenDB(filepath.Join(dir, "products.db"))
	defer db.Close()
	if err := products.Migrate(ctx, db, dialect); err != nil {
		fmt.Println(err)
		return
	}
	if err := products.Seed(ctx, db, 1000); err != nil {
		fmt.Println(err)
		return
	}

	store, err := products.Open(ctx, db, 3, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	all, err := store.SKUsConcurrently(ctx, []int{1, 2, 100})
	fmt.Println("join query for 3 products:", len(all[0]), len(all[1]), len(all[2]), "SKUs", err)
	fmt.Println("first:", all[2][0].ProductName, all[2][0].Color, all[2][0].Size)
	n := 0
	for _, err := range store.StreamProducts(ctx, 50) {
		if err != nil {
			fmt.Println(err)
			return
		}
		n++
	}
	fmt.Println("streamed:", n, "products")
	fmt.Println("close:", store.Close(ctx))

	srv := products.NewServer(db, 2, 4)
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	if err := srv.Start(ctx, l); err != nil {
		fmt.Println(err)
		return
	}
	client := &http.Client{Transport: &http.Transport{}}
	for _, path := range []string{"/products/100", "/products/5000", "/products/abc"} {
		get(client, "http://"+l.Addr().String(), path)
	}
	client.CloseIdleConnections()
	fmt.Println("shutdown:", srv.Shutdown(ctx))
	// Output:
	// join query for 3 products: 2 3 2 SKUs <nil>
	// first: Urban Jacket 100 Black XS
	// streamed: 1000 products
	// close: <nil>
	// GET /products/100: 200 {"product_id":100,"product_name":"Urban Jacket 100","brand_id":1}
	// GET /products/5000: 404 {"error":"no product 5000"}
	// GET /products/abc: 400 {"error":"product id must be an integer, got \"abc\""}
	// shutdown: <nil>
}

// get prints the status and the body of a GET of path from the server at
// base.
func get(client *http.Client, base, path string) {
	resp, err := client.Get(base + path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("GET %s: %d %s", path, resp.StatusCode, body)
}
