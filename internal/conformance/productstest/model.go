package productstest

import (
	"fmt"
	"strings"
)

// The model: the data every property's database is loaded with, and so
// what every query must return. Ids count from 1.
const (
	nBrands   = 10
	nProducts = 1000
)

var (
	colors = []string{"Black", "White", "Red", "Blue", "Green"}
	sizes  = []string{"XS", "S", "M", "L", "XL"}

	modelBrands   = makeBrands()
	modelProducts = makeProducts()
	modelSKUs     = makeSKUs() // modelSKUs[id] are product id's rows of the join query
)

func makeBrands() []Brand {
	var bs []Brand
	for i := 1; i <= nBrands; i++ {
		bs = append(bs, Brand{ID: i, Name: fmt.Sprintf("Brand %02d", i)})
	}
	return bs
}

func makeProducts() []Product {
	var ps []Product
	for i := 1; i <= nProducts; i++ {
		ps = append(ps, Product{ID: i, Name: fmt.Sprintf("Product %04d", i), BrandID: 1 + i*7%nBrands})
	}
	return ps
}

// makeSKUs gives product i 1 + i%3 SKUs, numbered in product order.
func makeSKUs() map[int][]SKU {
	skus := map[int][]SKU{}
	id := 0
	for _, p := range modelProducts {
		for k := range 1 + p.ID%3 {
			id++
			skus[p.ID] = append(skus[p.ID], SKU{
				ProductID: p.ID, ProductName: p.Name, BrandID: p.BrandID, SKUID: id,
				Color: colors[(p.ID+k)%len(colors)], Size: sizes[(p.ID*3+k)%len(sizes)],
			})
		}
	}
	return skus
}

// product returns the model's product id.
func product(id int) Product { return modelProducts[id-1] }

// inserts are the statements that load the model, a few hundred rows each.
func inserts() []string {
	var stmts []string
	rows := func(table, columns string, values []string) {
		for len(values) > 0 {
			n := min(len(values), 250)
			stmts = append(stmts, "INSERT INTO "+table+" ("+columns+") VALUES "+strings.Join(values[:n], ", "))
			values = values[n:]
		}
	}
	var vs []string
	for _, b := range modelBrands {
		vs = append(vs, fmt.Sprintf("(%d, '%s')", b.ID, b.Name))
	}
	rows("brand", "brand_id, brand_name", vs)
	vs = nil
	for i, c := range colors {
		vs = append(vs, fmt.Sprintf("(%d, '%s')", i+1, c))
	}
	rows("product_color", "product_color_id, product_color_name", vs)
	vs = nil
	for i, s := range sizes {
		vs = append(vs, fmt.Sprintf("(%d, '%s')", i+1, s))
	}
	rows("product_size", "product_size_id, product_size_name", vs)
	vs = nil
	for _, p := range modelProducts {
		vs = append(vs, fmt.Sprintf("(%d, '%s', %d)", p.ID, p.Name, p.BrandID))
	}
	rows("product", "product_id, product_name, brand_id", vs)
	vs = nil
	for _, p := range modelProducts {
		for _, k := range modelSKUs[p.ID] {
			color, size := indexOf(colors, k.Color)+1, indexOf(sizes, k.Size)+1
			vs = append(vs, fmt.Sprintf("(%d, %d, %d, %d)", k.SKUID, p.ID, size, color))
		}
	}
	rows("sku", "sku_id, product_id, product_size_id, product_color_id", vs)
	return stmts
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	panic("productstest: no " + name)
}
